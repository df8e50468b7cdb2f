namespace Waymark.Planning;

/// <summary>A target prefix (or a relative step at a branch) matches several revisions.</summary>
public sealed class AmbiguousTargetException(string target, IReadOnlyList<string> candidates, string? reason = null)
    : WaymarkUsageException(
        $"'{target}' is ambiguous{(reason is null ? "" : $" ({reason})")}: it could mean {string.Join(", ", candidates)}. Give more of the id.")
{
    /// <summary>The target as given.</summary>
    public string Target { get; } = target;

    /// <summary>The revisions it could mean.</summary>
    public IReadOnlyList<string> Candidates { get; } = candidates;
}
