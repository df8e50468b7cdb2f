namespace Waymark.Operations;

/// <summary>Renames a table.</summary>
public sealed record RenameTable(string Table, string NewName) : MigrationOperation
{
    /// <inheritdoc />
    public override string Describe() => $"rename table {Table} to {NewName}";
}
