using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Design", "CA1032:Implement standard exception constructors",
    Scope = "namespaceanddescendants", Target = "~N:TimeTracker.Errors",
    Justification = "A typed error is built only with what its problem needs (a title, a field, an id); " +
        "a message-only constructor would make one without them.")]

namespace TimeTracker.Errors;

/// <summary>
/// The root of every refusal a feature throws: a short <see cref="Title"/> and, as the message, the specific detail
/// (what was wrong and what to do). The subclass says what kind of refusal it is; features know nothing of HTTP, and
/// the web layer alone maps each kind to a status and an RFC 9457 problem (<c>Hosting/ProblemExceptionHandler</c>).
/// </summary>
internal abstract class TimeTrackerException : Exception
{
    /// <summary>A refusal with its title and detail.</summary>
    protected TimeTrackerException(string title, string detail, Exception? innerException = null) : base(detail, innerException) =>
        Title = title;

    /// <summary>What kind of refusal this is, in a few words; the same for every such refusal (e.g. "Project not found").</summary>
    public string Title { get; }
}
