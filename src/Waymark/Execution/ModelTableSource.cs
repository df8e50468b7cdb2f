using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>Reads tables to rebuild from a schema replayed in memory, for offline scripts.</summary>
internal sealed class ModelTableSource(SchemaSnapshot start) : ITableSource
{
    public SchemaSnapshot Schema { get; private set; } = start;

    public ValueTask<TableDefinition> GetTableAsync(string table, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Schema.GetTable(table));

    public void Applied(MigrationOperation operation) => Schema = Schema.Apply(operation);
}
