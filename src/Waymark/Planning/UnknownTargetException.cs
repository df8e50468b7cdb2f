namespace Waymark.Planning;

/// <summary>A target names no revision.</summary>
public sealed class UnknownTargetException(string target)
    : WaymarkUsageException($"No revision matches '{target}'. Use a revision id or a unique prefix of one, head, heads, base, +N, -N, or REV+N / " +
        $"REV-N; 'history' lists the ids.")
{
    /// <summary>The target as given.</summary>
    public string Target { get; } = target;
}
