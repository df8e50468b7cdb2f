namespace TimeTracker.Web.Problems;

/// <summary>
/// The web layer's own refusal of a request it cannot pass on to a feature (a body too large, a token that names no
/// user, an empty webhook body): HTTP only, with its status. Features never throw it; they throw the typed errors under
/// <see cref="Errors.TimeTrackerException"/>. <see cref="ProblemExceptionHandler"/> turns both into RFC 9457 problems.
/// </summary>
internal sealed class ApiProblemException : Exception
{
    /// <summary>A refusal with a status, a short title and a specific detail.</summary>
    public ApiProblemException(int status, string title, string detail)
        : base(detail)
    {
        Status = status;
        Title = title;
    }

    /// <summary>Needed by the analyzers' exception pattern; prefer the other constructors.</summary>
    public ApiProblemException() : this(400, "Bad request", "The request was refused.") { }

    /// <summary>Needed by the analyzers' exception pattern; prefer the other constructors.</summary>
    public ApiProblemException(string message) : this(400, "Bad request", message) { }

    /// <summary>Needed by the analyzers' exception pattern; prefer the other constructors.</summary>
    public ApiProblemException(string message, Exception innerException) : base(message, innerException)
    {
        Status = 400;
        Title = "Bad request";
    }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>The problem's title.</summary>
    public string Title { get; }
}
