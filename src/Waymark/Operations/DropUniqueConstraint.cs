namespace Waymark.Operations;

/// <summary>Drops a unique constraint by name.</summary>
public sealed record DropUniqueConstraint(string Table, string Name) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"drop unique constraint {Name} on {Table}";
}
