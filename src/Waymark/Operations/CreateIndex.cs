using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Creates an index (unique, or partial where the dialect has them).</summary>
public sealed record CreateIndex(IndexDefinition Index) : TableOperation(Index.Table)
{
    /// <inheritdoc />
    public override string Describe() => $"create index {Index.Name} on {Index.Table}";
}
