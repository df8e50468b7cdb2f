using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Adds a foreign key constraint.</summary>
public sealed record AddForeignKey(string Table, ForeignKeyDefinition ForeignKey) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"add foreign key {ForeignKey.Name} on {Table}";
}
