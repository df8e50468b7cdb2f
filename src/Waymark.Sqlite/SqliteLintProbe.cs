using System.Data.Common;
using Microsoft.Data.Sqlite;
using Waymark.Linting;

namespace Waymark.Sqlite;

/// <summary>
/// Reads what SQLite's catalog says a statement did: tables with their root page (a rebuild gives the table a new one) and
/// whether their key is AUTOINCREMENT, columns, indexes. SQLite has no table locks to report (one writer holds the whole
/// database) and keeps constraint names only in the CREATE TABLE text, which no SQLite rule needs.
/// </summary>
internal sealed class SqliteLintProbe : ILintProbe
{
    private const string UserTables = "m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    /// <inheritdoc />
    public bool SeesLocks => false;

    /// <inheritdoc />
    public async Task<CatalogSnapshot> ReadCatalogAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var tables = await QueryAsync(connection, transaction,
            $"SELECT m.name, m.rootpage, coalesce(m.sql, '') FROM sqlite_master m WHERE {UserTables}",
            r => (Name: r.GetString(0), Root: r.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture), Sql: r.GetString(2)),
            cancellationToken).ConfigureAwait(false);
        var columns = (await QueryAsync(connection, transaction,
            $"SELECT m.name, p.cid, p.name, p.type, p.\"notnull\", p.dflt_value IS NOT NULL FROM sqlite_master m, pragma_table_info(m.name) p " +
            $"WHERE {UserTables} ORDER BY m.name, p.cid",
            r => (Table: r.GetString(0), Column: new CatalogColumn(
                r.GetString(2), r.GetInt32(1), r.GetString(3), r.GetInt64(4) != 0, r.GetInt64(5) != 0, HasMissingValue: false)),
            cancellationToken).ConfigureAwait(false)).ToLookup(c => c.Table, c => c.Column, StringComparer.OrdinalIgnoreCase);
        var indexColumns = await QueryAsync(connection, transaction,
            $"SELECT m.name, il.name, il.\"unique\", ii.name FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii " +
            $"WHERE {UserTables} ORDER BY m.name, il.name, ii.seqno",
            r => (Table: r.GetString(0), Index: r.GetString(1), Unique: r.GetInt64(2) != 0, Column: r.IsDBNull(3) ? null : r.GetString(3)),
            cancellationToken).ConfigureAwait(false);
        var indexes = indexColumns.GroupBy(i => (i.Table, i.Index)).Select(g => (g.Key.Table, Index: new CatalogIndex(g.Key.Index,
            g.Any(i => i.Column is null) ? [] : [.. g.Select(i => i.Column!)], g.First().Unique))).ToLookup(
            i => i.Table, i => i.Index, StringComparer.OrdinalIgnoreCase);
        return new CatalogSnapshot(
            [.. tables.Select(t => new CatalogTable(t.Name, t.Name, t.Root, t.Sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase),
                [.. columns[t.Name]], [.. indexes[t.Name]], []))],
            []);
    }

    /// <inheritdoc />
    /// <remarks>A deferred transaction takes no lock until it reads, and <c>query_only</c> refuses every write on the connection.</remarks>
    public async Task<DbTransaction> BeginReadOnlyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA query_only = ON";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return ((SqliteConnection)connection).BeginTransaction(deferred: true);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TableSize>> ReadSizesAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var names = await QueryAsync(connection, transaction, $"SELECT m.name FROM sqlite_master m WHERE {UserTables}", r => r.GetString(0),
            cancellationToken).ConfigureAwait(false);
        if (names.Count == 0)
            return [];
        // One statement counts every table.
        var sql = string.Join(" UNION ALL ",
            names.Select((n, i) => $"SELECT {i}, count(*) FROM \"{n.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        var counts = await QueryAsync(
            connection, transaction, sql, r => (Index: r.GetInt32(0), Rows: r.GetInt64(1)), cancellationToken).ConfigureAwait(false);
        return [.. counts.Select(c => new TableSize(names[c.Index], c.Rows, null))];
    }

    private static async Task<List<T>> QueryAsync<T>(
        DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(read(reader));
        return rows;
    }
}
