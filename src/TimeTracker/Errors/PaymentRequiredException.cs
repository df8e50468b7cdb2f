namespace TimeTracker.Errors;

/// <summary>The organization's billing must be fixed first (its subscription ended, or its trial did without one).</summary>
internal sealed class PaymentRequiredException(string title, string detail) : TimeTrackerException(title, detail);
