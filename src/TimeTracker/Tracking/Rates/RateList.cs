namespace TimeTracker.Tracking.Rates;

/// <summary>Rate changes, by level, project and member, the newest first within each; <c>Truncated</c> when there were more
/// than <see cref="RateSchedule.MaximumListed"/> (narrow the list by level, project or member).</summary>
internal sealed record RateList(IReadOnlyList<Rate> Items, bool Truncated);
