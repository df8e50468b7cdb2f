using System.Data.Common;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>Reads the schema of a live database into the engine's model.</summary>
public interface ISchemaReader
{
    /// <summary>Every user table with its columns, keys, constraints and indexes.</summary>
    Task<SchemaSnapshot> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>One table, or null when it does not exist.</summary>
    Task<TableDefinition?> ReadTableAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken);
}
