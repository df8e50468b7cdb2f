namespace Waymark.Operations;

/// <summary>Drops an index of a table.</summary>
/// <param name="Table">The indexed table.</param>
/// <param name="Name">The index.</param>
/// <param name="Concurrently">
/// Drop it without blocking the table's readers and writers (PostgreSQL's <c>DROP INDEX CONCURRENTLY IF EXISTS</c>);
/// the migration then runs outside a transaction. Dialects without it ignore the flag.
/// </param>
public sealed record DropIndex(string Table, string Name, bool Concurrently = false) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"drop index {Name} on {Table}{(Concurrently ? " concurrently" : "")}";
}
