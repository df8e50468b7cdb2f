namespace TimeTracker.Errors;

/// <summary>
/// No <see cref="Kind"/> <see cref="Id"/> among those the caller may see (whether or not it exists elsewhere);
/// the title is "<see cref="Kind"/> not found".
/// </summary>
internal sealed class NotFoundException(string kind, long id, string detail) : TimeTrackerException($"{kind} not found", detail)
{
    /// <summary>What was looked for, capitalized as a title begins: "Project", "Time entry".</summary>
    public string Kind { get; } = kind;

    /// <summary>The id that was looked for.</summary>
    public long Id { get; } = id;
}
