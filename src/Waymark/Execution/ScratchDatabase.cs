namespace Waymark.Execution;

/// <summary>An empty database of the same kind as another, for replaying the chain; disposing removes it.</summary>
public sealed class ScratchDatabase(IDatabaseProvider provider, Func<ValueTask> remove) : IAsyncDisposable
{
    /// <summary>The scratch database.</summary>
    public IDatabaseProvider Provider { get; } = provider;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => remove();
}
