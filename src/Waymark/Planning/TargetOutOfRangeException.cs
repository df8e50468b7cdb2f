namespace Waymark.Planning;

/// <summary>A target lies past head or base, or on the wrong side of the current revision for the command.</summary>
public sealed class TargetOutOfRangeException(string target, string reason)
    : WaymarkUsageException($"Cannot move to '{target}': {reason}")
{
    /// <summary>The target as given.</summary>
    public string Target { get; } = target;
}
