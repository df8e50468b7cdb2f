using TimeTracker.Tracking.Timers;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// An organization's timer policy: a running timer's member is emailed once after <c>reminderAfterHours</c>, and the
/// timer is stopped at its start plus <c>stopAfterHours</c> and marked <c>autoStopped</c>. <c>updatedAt</c> is null
/// while the organization keeps the defaults (10 and 24 hours).
/// </summary>
internal sealed record TimerPolicyResponse(int ReminderAfterHours, int StopAfterHours, DateTimeOffset? UpdatedAt)
{
    /// <summary>The response describing <paramref name="policy"/>.</summary>
    public static TimerPolicyResponse Of(TimerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new(policy.ReminderAfterHours, policy.StopAfterHours, policy.UpdatedAt);
    }
}
