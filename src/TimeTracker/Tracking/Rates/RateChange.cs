namespace TimeTracker.Tracking.Rates;

/// <summary>A row of <c>hourly_rates</c> as pricing reads it: the level it is at, the rate, and its first day (null: always).</summary>
internal sealed record RateChange(long? ProjectId, long? UserId, decimal? HourlyRate, DateOnly? EffectiveFrom);
