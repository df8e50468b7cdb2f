namespace TimeTracker.Tracking.Rates;

/// <summary>Which rate changes to list: one level's (any when null), one project's, one member's.</summary>
internal sealed record RateQuery(string? Level, long? ProjectId, long? UserId);
