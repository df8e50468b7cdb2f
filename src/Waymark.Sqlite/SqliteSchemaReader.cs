using System.Data.Common;
using Waymark.Execution;
using Waymark.Schema;

namespace Waymark.Sqlite;

/// <summary>
/// Reads SQLite schemas through its pragmas. SQLite keeps constraint names only in the CREATE TABLE text,
/// so names are recovered from there (<see cref="SqliteDdlNames"/>). Foreign keys, unique constraints and
/// checks are ordered by their columns and names, so equal schemas read equal however they were built.
/// </summary>
public sealed class SqliteSchemaReader : ISchemaReader
{
    /// <inheritdoc />
    public async Task<SchemaSnapshot> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        // sqlite_master has no index on names: read it once, not once per table, or a long chain reads quadratically.
        var objects = await ReadMasterAsync(connection, transaction, null, cancellationToken).ConfigureAwait(false);
        var byTable = objects.ToLookup(o => o.Table, StringComparer.OrdinalIgnoreCase);
        var tables = new List<TableDefinition>();
        foreach (var table in objects.Where(o => o.Type == "table" && !o.Name.StartsWith("sqlite_", StringComparison.OrdinalIgnoreCase)).OrderBy(
            o => o.Name, StringComparer.Ordinal))
            tables.Add(await ReadTableAsync(connection, transaction, table, byTable[table.Name], cancellationToken).ConfigureAwait(false));
        return new SchemaSnapshot(tables);
    }

    /// <inheritdoc />
    public async Task<TableDefinition?> ReadTableAsync(
        DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var objects = await ReadMasterAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        return objects.FirstOrDefault(o => o.Type == "table") is { } found
            ? await ReadTableAsync(connection, transaction, found, objects, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>The catalog rows of one table (itself, its indexes and triggers), or of every table when <paramref name="table"/> is null.</summary>
    private static Task<List<MasterRow>> ReadMasterAsync(
        DbConnection connection, DbTransaction? transaction, string? table, CancellationToken cancellationToken) =>
        QueryAsync(connection, transaction,
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'trigger')" + (
            table is null ? "" : " AND tbl_name = @name COLLATE NOCASE"),
            table, r => new MasterRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)), cancellationToken);

    private static async Task<TableDefinition> ReadTableAsync(
        DbConnection connection, DbTransaction? transaction, MasterRow table, IEnumerable<MasterRow> objects, CancellationToken cancellationToken)
    {
        var name = table.Name;
        var ddl = table.Sql ?? "";
        var ddlNames = SqliteDdlNames.Parse(ddl);

        var columnRows = await QueryAsync(connection, transaction,
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@name) ORDER BY cid", name,
            r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) != 0, Default: r.IsDBNull(3) ? null : r.GetString(3),
                Pk: r.GetInt64(4)),
            cancellationToken).ConfigureAwait(false);
        var keyColumns = columnRows.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
        var autoIncrement = keyColumns.Count == 1 && ddl.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
        // A single-column INTEGER PRIMARY KEY is the rowid alias, which can never hold NULL, whether or not it was
        // declared NOT NULL (ORMs and hand-written scripts write `id INTEGER PRIMARY KEY AUTOINCREMENT`).
        // (WITHOUT ROWID tables make every key column NOT NULL themselves.)
        var rowidAlias = keyColumns.Count == 1 && string.Equals(columnRows.Single(c => c.Pk == 1).Type, "INTEGER", StringComparison.OrdinalIgnoreCase)
            ? keyColumns[0] : null;
        var columns = columnRows.Select(c => new ColumnDefinition(
            c.Name,
            ColumnType.Native(c.Type),
            Nullable: !c.NotNull && !string.Equals(c.Name, rowidAlias, StringComparison.Ordinal),
            Default: c.Default is null ? null : DefaultValue.FromSql(c.Default),
            Identity: autoIncrement && c.Pk == 1)).ToList();
        var primaryKey = keyColumns.Count == 0 ? null : new PrimaryKeyDefinition(ddlNames.PrimaryKey, keyColumns);

        var indexSql = objects.Where(o => o.Type == "index").ToDictionary(o => o.Name, o => o.Sql, StringComparer.OrdinalIgnoreCase);
        var foreignKeys = await ReadForeignKeysAsync(connection, transaction, name, ddlNames, cancellationToken).ConfigureAwait(false);
        var (uniques, indexes, expressionIndexes) = await ReadIndexesAsync(
            connection, transaction, name, indexSql, ddlNames, cancellationToken).ConfigureAwait(false);
        var triggers = objects.Where(o => o.Type == "trigger" && o.Sql is not null).OrderBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new NativeObjectDefinition("trigger", o.Name, o.Sql!));
        return new TableDefinition(name, columns, primaryKey,
            [.. foreignKeys.OrderBy(f => string.Join(",", f.Columns), StringComparer.Ordinal).ThenBy(f => f.ReferencedTable, StringComparer.Ordinal)],
            [.. uniques.OrderBy(u => string.Join(",", u.Columns), StringComparer.Ordinal)],
            [.. ddlNames.Checks.OrderBy(c => c.Name, StringComparer.Ordinal)],
            [.. indexes.OrderBy(i => i.Name, StringComparer.Ordinal)],
            [.. expressionIndexes.OrderBy(i => i.Name, StringComparer.Ordinal), .. triggers]);
    }

    private static async Task<List<ForeignKeyDefinition>> ReadForeignKeysAsync(
        DbConnection connection, DbTransaction? transaction, string table, SqliteDdlNames names, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(connection, transaction,
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(@name) ORDER BY id, seq", table,
            r => (Id: r.GetInt64(0), Table: r.GetString(1), From: r.GetString(2), To: r.IsDBNull(3) ? null : r.GetString(3),
                OnDelete: r.GetString(4)),
            cancellationToken).ConfigureAwait(false);
        return [.. rows.GroupBy(r => r.Id).Select(g =>
        {
            var columns = g.Select(r => r.From).ToList();
            return new ForeignKeyDefinition(
                names.ForeignKeyName(columns),
                columns,
                g.First().Table,
                [.. g.Select(r => r.To ?? "id")],
                ParseAction(g.First().OnDelete));
        })];
    }

    private static async Task<(
        List<UniqueConstraintDefinition> Uniques, List<IndexDefinition> Indexes, List<NativeObjectDefinition> ExpressionIndexes)> ReadIndexesAsync(
        DbConnection connection, DbTransaction? transaction, string table, Dictionary<string, string?> indexSql, SqliteDdlNames names,
            CancellationToken cancellationToken)
    {
        var list = await QueryAsync(connection, transaction,
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list(@name)", table,
            r => (Name: r.GetString(0), Unique: r.GetInt64(1) != 0, Origin: r.GetString(2), Partial: r.GetInt64(3) != 0),
            cancellationToken).ConfigureAwait(false);
        var uniques = new List<UniqueConstraintDefinition>();
        var indexes = new List<IndexDefinition>();
        var expressionIndexes = new List<NativeObjectDefinition>();
        foreach (var index in list.Where(i => i.Origin != "pk"))
        {
            var columns = await QueryAsync(connection, transaction,
                "SELECT name FROM pragma_index_info(@name) ORDER BY seqno", index.Name,
                r => r.IsDBNull(0) ? null : r.GetString(0), cancellationToken).ConfigureAwait(false);
            var sql = indexSql.GetValueOrDefault(index.Name);
            if (columns.Contains(null) && sql is not null)
                expressionIndexes.Add(new NativeObjectDefinition("index", index.Name, sql));
            else if (index.Origin == "u")
                uniques.Add(new UniqueConstraintDefinition(names.UniqueName(columns!), columns!));
            else
                indexes.Add(new IndexDefinition(index.Name, table, columns!, index.Unique, index.Partial ? SqliteDdlNames.IndexFilter(sql) : null));
        }
        return (uniques, indexes, expressionIndexes);
    }

    private static ReferentialAction ParseAction(string action) => action.ToUpperInvariant() switch
    {
        "CASCADE" => ReferentialAction.Cascade,
        "SET NULL" => ReferentialAction.SetNull,
        "SET DEFAULT" => ReferentialAction.SetDefault,
        "RESTRICT" => ReferentialAction.Restrict,
        _ => ReferentialAction.NoAction,
    };

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, string? name,
        Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (name is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@name";
            parameter.Value = name;
            command.Parameters.Add(parameter);
        }
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>One row of sqlite_master.</summary>
    private sealed record MasterRow(string Type, string Name, string Table, string? Sql);
}
