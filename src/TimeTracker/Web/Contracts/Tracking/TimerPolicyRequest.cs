using TimeTracker.Tracking.Timers;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>PUT /orgs/{orgId}/timer-policy</c>, both required: the member is emailed once their timer has run
/// <c>reminderAfterHours</c> (1 to 167), and the timer is stopped at <c>stopAfterHours</c> (2 to 168, a week), which
/// must be more than the reminder.
/// </summary>
internal sealed record TimerPolicyRequest(int? ReminderAfterHours, int? StopAfterHours)
{
    /// <summary>The command this body asks for.</summary>
    public TimerPolicyChange ToCommand() => new(ReminderAfterHours, StopAfterHours);
}
