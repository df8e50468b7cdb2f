namespace TimeTracker.Tracking.Timers;

/// <summary>A new timer policy as asked (validated by <see cref="TimerPolicies.UpdateAsync"/>): both numbers are required.</summary>
internal sealed record TimerPolicyChange(int? ReminderAfterHours, int? StopAfterHours);
