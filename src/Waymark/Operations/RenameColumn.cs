namespace Waymark.Operations;

/// <summary>Renames a column; keys, constraints and indexes follow the new name.</summary>
public sealed record RenameColumn(string Table, string Column, string NewName) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"rename column {Table}.{Column} to {NewName}";
}
