namespace Waymark.Operations;

/// <summary>Drops a column, with the indexes and constraints that include it.</summary>
public sealed record DropColumn(string Table, string Column) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"drop column {Table}.{Column}";
}
