namespace TimeTracker.Errors;

/// <summary>One or more fields of the request are wrong: field name → what is wrong with it, all at once.</summary>
internal sealed class ValidationException : TimeTrackerException
{
    /// <summary>The title of every validation refusal.</summary>
    public const string InvalidTitle = "The request is invalid";

    /// <summary>A refusal naming each wrong field with its messages.</summary>
    public ValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(InvalidTitle, Detail(errors)) =>
        Errors = errors;

    /// <summary>A refusal of one field.</summary>
    public ValidationException(string field, string message)
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }) { }

    /// <summary>Field name → what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Detail(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return "One or more fields are invalid: " + string.Join(" ", errors.SelectMany(e => e.Value));
    }
}
