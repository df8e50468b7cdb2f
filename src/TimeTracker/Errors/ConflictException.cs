namespace TimeTracker.Errors;

/// <summary>The request is valid but the state of what it names does not allow it now (in use, archived, taken, already done).</summary>
internal sealed class ConflictException(string title, string detail) : TimeTrackerException(title, detail);
