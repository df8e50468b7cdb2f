namespace Waymark.Execution;

/// <summary>
/// The pause before each retry of a migration that timed out on a lock: exponential backoff from
/// <paramref name="firstDelay"/>, capped, with up to half of it taken away at random so that runs blocked by the
/// same session do not all come back at the same moment.
/// </summary>
/// <param name="firstDelay">The pause before the first retry.</param>
/// <param name="random">A number in [0, 1); tests pass a fixed one.</param>
internal sealed class LockRetryPolicy(TimeSpan firstDelay, Func<double> random)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>The pause after attempt <paramref name="attempt"/> (1 for the first) failed.</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var backoff = firstDelay * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = backoff > MaxDelay ? MaxDelay : backoff;
        return capped * (1 - (random() / 2));
    }
}
