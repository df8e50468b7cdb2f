using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Rates;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>POST /orgs/{orgId}/rates</c>: the level (<c>projectId</c>, <c>userId</c>, both or neither), the rate
/// (null: no rate at that level from then on) and the first day it applies, in the caller's time zone. Without
/// <c>effectiveFrom</c> it applies from today, or from the beginning when it is the level's first rate.
/// </summary>
internal sealed record SetRateRequest(
    long? ProjectId = null, long? UserId = null, decimal? HourlyRate = null, [property: DataType(DataType.Date)] string? EffectiveFrom = null)
{
    /// <summary>The command this body asks for.</summary>
    public NewRate ToCommand() => new(ProjectId, UserId, HourlyRate, EffectiveFrom);
}
