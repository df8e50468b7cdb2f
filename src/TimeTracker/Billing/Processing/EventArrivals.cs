using System.Threading.Channels;

namespace TimeTracker.Billing.Processing;

/// <summary>Wakes this process's worker when a delivery stored a new event, so that it need not wait for its next poll.</summary>
internal sealed class EventArrivals
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Says that an event arrived (any number of calls before the next wait wake it once).</summary>
    public void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Waits until an event arrives or <paramref name="timeout"/> passes on <paramref name="time"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _signal.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: time to look for retries and other replicas' events.
        }
    }
}
