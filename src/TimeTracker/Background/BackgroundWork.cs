using System.Threading.Channels;

namespace TimeTracker.Background;

/// <summary>
/// Work a request hands off to run after its response: sending email, and the lookups behind the answers
/// that must not reveal whether an account exists (their timing would).
/// </summary>
internal sealed class BackgroundWork
{
    private readonly Channel<Func<IServiceProvider, CancellationToken, Task>> _queue =
        Channel.CreateUnbounded<Func<IServiceProvider, CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues <paramref name="work"/>; it runs in its own service scope.</summary>
    public void Enqueue(Func<IServiceProvider, CancellationToken, Task> work)
    {
        if (!_queue.Writer.TryWrite(work))
            throw new InvalidOperationException("The background queue is closed: the host is stopping.");
    }

    internal ChannelReader<Func<IServiceProvider, CancellationToken, Task>> Reader => _queue.Reader;

    internal void Complete() => _queue.Writer.TryComplete();
}
