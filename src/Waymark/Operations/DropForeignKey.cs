namespace Waymark.Operations;

/// <summary>Drops a foreign key constraint by name.</summary>
public sealed record DropForeignKey(string Table, string Name) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"drop foreign key {Name} on {Table}";
}
