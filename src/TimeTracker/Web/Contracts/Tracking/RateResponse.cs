using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Rates;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// A change of a rate. <c>level</c> follows from what it names: neither <c>projectId</c> nor <c>userId</c> (the organization's
/// default), a member, a project, or both (that member on that project). From <c>effectiveFrom</c> (null: from the
/// beginning) an hour at that level is worth <c>hourlyRate</c> (null: no rate at that level from then on). <c>state</c>:
/// in effect today (<c>current</c>), replaced by a later change (<c>past</c>), or still to come (<c>scheduled</c>).
/// </summary>
internal sealed record RateResponse(
    long Id, [property: AllowedValues(RateLevel.Organization, RateLevel.Member, RateLevel.Project, RateLevel.ProjectMember)] string Level,
    long? ProjectId, long? UserId, decimal? HourlyRate, DateOnly? EffectiveFrom,
    [property: AllowedValues(RateState.Current, RateState.Past, RateState.Scheduled)] string State, long? CreatedById, DateTimeOffset CreatedAt)
{
    /// <summary>The response describing <paramref name="rate"/>.</summary>
    public static RateResponse Of(Rate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return new(rate.Id, rate.Level, rate.ProjectId, rate.UserId, rate.HourlyRate, rate.EffectiveFrom, rate.State, rate.CreatedById,
            rate.CreatedAt);
    }
}
