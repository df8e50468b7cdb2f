namespace TimeTracker.Tracking.Rates;

/// <summary>What to re-price: entries started from one day to another (both included, in the caller's calendar),
/// optionally one project's or one member's; with <c>DryRun</c>, only count what would change.</summary>
internal sealed record NewRepricing(string? From, string? To, long? ProjectId, long? UserId, bool DryRun);
