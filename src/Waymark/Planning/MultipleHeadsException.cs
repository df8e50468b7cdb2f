namespace Waymark.Planning;

/// <summary>'head' was asked for but the scripts have several heads.</summary>
public sealed class MultipleHeadsException(IReadOnlyList<string> heads)
    : WaymarkUsageException($"The scripts have several heads ({string.Join(", ", heads)}), so 'head' is ambiguous. " +
        $"Use 'heads' to upgrade every branch, name one head, or join them with 'merge -m MESSAGE'.")
{
    /// <summary>The heads of the scripts.</summary>
    public IReadOnlyList<string> Heads { get; } = heads;
}
