using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>Where a table rebuild learns the table's current definition: the live database, or the replayed model offline.</summary>
internal interface ITableSource
{
    ValueTask<TableDefinition> GetTableAsync(string table, CancellationToken cancellationToken);

    void Applied(MigrationOperation operation);
}
