namespace TimeTracker.Tracking.Timers;

/// <summary>The <c>Timers</c> configuration section: the forgotten-timer worker inside <c>serve</c>.</summary>
internal sealed class TimerOptions
{
    /// <summary>Whether <c>serve</c> runs the worker. Replicas share its work, so any number may run it.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How long the worker waits between two passes: how late, at most, a reminder or a stop comes.</summary>
    public TimeSpan WorkerInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Timers claimed and handled in one transaction.</summary>
    public int BatchSize { get; set; } = 100;
}
