using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Creates an index (unique, or partial where the dialect has them).</summary>
/// <param name="Index">The index.</param>
/// <param name="Concurrently">
/// Build it without blocking writes to the table (PostgreSQL's <c>CREATE INDEX CONCURRENTLY IF NOT EXISTS</c>): the
/// migration then runs outside a transaction, an invalid index left by an earlier failed build is dropped and built
/// again, and the version record moves only once the index is valid. Dialects without it ignore the flag.
/// </param>
public sealed record CreateIndex(IndexDefinition Index, bool Concurrently = false) : TableOperation(Index.Table)
{
    /// <inheritdoc />
    public override string Describe() => $"create index {Index.Name} on {Index.Table}{(Concurrently ? " concurrently" : "")}";
}
