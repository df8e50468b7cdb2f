namespace TimeTracker.Errors;

/// <summary>
/// This server lacks a setting the request needs (a Stripe key, a price, a webhook secret); the detail says which
/// and how to set it.
/// </summary>
internal sealed class NotConfiguredException(string title, string detail) : TimeTrackerException(title, detail);
