using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Creates a table with its columns, keys and constraints (and any indexes the definition lists).</summary>
public sealed record CreateTable(TableDefinition Definition) : MigrationOperation
{
    /// <inheritdoc />
    public override string Describe() => $"create table {Definition.Name}";
}
