namespace TimeTracker.Tracking.Timers;

/// <summary>What one pass of the forgotten-timer worker did: timers stopped at their cap, reminder emails sent, and
/// reminders whose email could not be sent (tried again on a later pass).</summary>
internal sealed record TimerPass(int Stopped, int Reminded, int ReminderFailures)
{
    /// <summary>Nothing done.</summary>
    public static TimerPass None { get; } = new(0, 0, 0);

    /// <summary>Both passes' counts together.</summary>
    public TimerPass Add(TimerPass other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Stopped + other.Stopped, Reminded + other.Reminded, ReminderFailures + other.ReminderFailures);
    }
}
