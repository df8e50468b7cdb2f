namespace TimeTracker.Tracking.Timers;

/// <summary>
/// What an organization does about forgotten timers: the member is emailed once their timer has run
/// <see cref="ReminderAfterHours"/>, and the timer is stopped once it has run <see cref="StopAfterHours"/> (the cap),
/// ending at its start plus the cap. <see cref="UpdatedAt"/> is null while the organization keeps the defaults.
/// </summary>
internal sealed record TimerPolicy(int ReminderAfterHours, int StopAfterHours, DateTimeOffset? UpdatedAt)
{
    /// <summary>The policy of an organization that never set one: a reminder after 10 hours, a stop at 24.</summary>
    public static TimerPolicy Default { get; } = new(10, 24, null);

    /// <summary>The earliest reminder: after one hour.</summary>
    public const int MinimumReminderHours = 1;

    /// <summary>The shortest cap: a reminder must fit before it.</summary>
    public const int MinimumStopHours = 2;

    /// <summary>The longest cap: a week. A timer running longer than that was forgotten, whatever the work.</summary>
    public const int MaximumStopHours = 168;

    /// <summary>The instant a timer started at <paramref name="startedAt"/> is due its reminder.</summary>
    public DateTimeOffset ReminderAt(DateTimeOffset startedAt) => startedAt.AddHours(ReminderAfterHours);

    /// <summary>The instant a timer started at <paramref name="startedAt"/> reaches the cap: where the worker ends it.</summary>
    public DateTimeOffset StopAt(DateTimeOffset startedAt) => startedAt.AddHours(StopAfterHours);
}
