namespace TimeTracker.Tracking.Rates;

/// <summary>A rate to set: at the level <paramref name="ProjectId"/> and <paramref name="UserId"/> name, from a day
/// (<c>yyyy-MM-dd</c>; absent: see <see cref="RateSchedule"/>).</summary>
internal sealed record NewRate(long? ProjectId, long? UserId, decimal? HourlyRate, string? EffectiveFrom);
