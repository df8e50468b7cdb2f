namespace TimeTracker.Hosting;

/// <summary>
/// A request the API refuses, with what to tell the client: the exception handler turns it into an
/// RFC 9457 problem (status, title, detail, and per-field errors for validation failures).
/// </summary>
internal sealed class ApiProblemException : Exception
{
    /// <summary>A refusal with a status, a short title and a specific detail.</summary>
    public ApiProblemException(int status, string title, string detail, IDictionary<string, string[]>? errors = null)
        : base(detail)
    {
        Status = status;
        Title = title;
        Errors = errors;
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

    /// <summary>Field name → what is wrong with it, for 400 validation problems.</summary>
    public IDictionary<string, string[]>? Errors { get; }

    /// <summary>Further members of the problem (RFC 9457 extensions), e.g. the id of a failed upstream request.</summary>
    public IReadOnlyDictionary<string, string?>? Extensions { get; init; }

    /// <summary>400 with one message per invalid field.</summary>
    public static ApiProblemException Validation(IDictionary<string, string[]> errors) =>
        new(400, "The request is invalid", "One or more fields are invalid: " + string.Join(" ", errors.SelectMany(e => e.Value)), errors);
}
