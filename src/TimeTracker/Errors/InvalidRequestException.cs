namespace TimeTracker.Errors;

/// <summary>
/// The request as a whole cannot be used, rather than one of its fields: an unknown, expired or used link token, a
/// wrong code, a body of the wrong shape, an inauthentic delivery. Field by field problems are a <see cref="ValidationException"/>.
/// </summary>
internal sealed class InvalidRequestException(string title, string detail) : TimeTrackerException(title, detail);
