using System.Data.Common;
using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>Reads tables to rebuild from the live database, inside the migration's transaction.</summary>
internal sealed class LiveTableSource(ISchemaReader reader, DbConnection connection, DbTransaction? transaction) : ITableSource
{
    public async ValueTask<TableDefinition> GetTableAsync(string table, CancellationToken cancellationToken) =>
        await reader.ReadTableAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false)
        ?? throw new SchemaObjectNotFoundException("table", table);

    public void Applied(MigrationOperation operation)
    {
        // The live database already reflects what was executed.
    }
}
