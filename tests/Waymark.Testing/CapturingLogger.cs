using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Waymark.Testing;

/// <summary>Keeps every message logged, to see which SQL a run executed.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => [.. _messages];

    /// <summary>The SQL statements executed, in order (from the engine's "SQL (… ms): …" debug messages).</summary>
    public IReadOnlyList<string> Statements =>
        [.. _messages.Where(m => m.StartsWith("SQL (", StringComparison.Ordinal)).Select(m => m[(m.IndexOf("): ", StringComparison.Ordinal) + 3)..])];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        _messages.Enqueue(formatter(state, exception));
    }
}
