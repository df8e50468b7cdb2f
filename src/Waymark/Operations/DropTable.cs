namespace Waymark.Operations;

/// <summary>Drops a table and its rows.</summary>
public sealed record DropTable(string Table) : MigrationOperation
{
    /// <inheritdoc />
    public override string Describe() => $"drop table {Table}";
}
