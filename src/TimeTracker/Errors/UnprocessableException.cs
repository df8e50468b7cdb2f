namespace TimeTracker.Errors;

/// <summary>The request is well formed and allowed, but the data it names gives nothing to do (no time to invoice, no rate to bill at).</summary>
internal sealed class UnprocessableException(string title, string detail) : TimeTrackerException(title, detail);
