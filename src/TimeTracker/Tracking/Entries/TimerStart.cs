namespace TimeTracker.Tracking.Entries;

/// <summary>What a timer to start is for, all optional (validated by <see cref="RunningTimer.StartAsync"/>).</summary>
internal sealed record TimerStart(long? ProjectId, long? TaskId, string? Description, bool? Billable, IReadOnlyList<string>? Tags)
{
    /// <summary>A timer for nothing in particular.</summary>
    public static TimerStart Empty { get; } = new(null, null, null, null, null);
}
