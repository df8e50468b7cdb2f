namespace TimeTracker.Errors;

/// <summary>The caller is known but may not do this (a role, another address, a wrong password or code for a change, a lock).</summary>
internal sealed class ForbiddenException(string title, string detail) : TimeTrackerException(title, detail);
