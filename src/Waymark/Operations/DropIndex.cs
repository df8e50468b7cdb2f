namespace Waymark.Operations;

/// <summary>Drops an index of a table.</summary>
public sealed record DropIndex(string Table, string Name) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"drop index {Name} on {Table}";
}
