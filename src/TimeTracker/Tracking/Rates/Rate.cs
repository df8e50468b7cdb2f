namespace TimeTracker.Tracking.Rates;

/// <summary>
/// One change of a rate: from <c>EffectiveFrom</c> (null: from the beginning) an hour at this level is worth
/// <c>HourlyRate</c> (null: this level has no rate from then on, and the broader levels apply). <c>State</c> says
/// whether, today, it is the rate in effect (<c>current</c>), one a later change replaced (<c>past</c>), or one
/// still to come (<c>scheduled</c>).
/// </summary>
internal sealed record Rate(
    long Id, string Level, long? ProjectId, long? UserId, decimal? HourlyRate, DateOnly? EffectiveFrom, string State, long? CreatedById,
    DateTimeOffset CreatedAt);
