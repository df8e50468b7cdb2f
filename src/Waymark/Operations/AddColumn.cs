using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Adds a column to a table.</summary>
public sealed record AddColumn(string Table, ColumnDefinition Column) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"add column {Table}.{Column.Name}";
}
