namespace Waymark.Diagnosis;

/// <summary>
/// One thing the doctor found: a stable code, a severity, a plain explanation, and the command that fixes it
/// (none when a person must decide). A safe fix only rewrites the version record, so <c>--fix</c> applies it.
/// </summary>
/// <param name="Code">A stable identifier, e.g. <c>recorded-behind-schema</c>.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Message">What was found and what it means.</param>
/// <param name="Fix">The command that fixes it, or null.</param>
/// <param name="StampTo">For a safe fix, the version rows it writes.</param>
public sealed record Finding(string Code, FindingSeverity Severity, string Message, string? Fix = null, IReadOnlyList<string>? StampTo = null)
{
    /// <summary>Whether <c>--fix</c> applies this finding's fix (it only rewrites the version record).</summary>
    public bool IsSafeFix => StampTo is not null;
}
