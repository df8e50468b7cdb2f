using System.Data.Common;
using Npgsql;
using Waymark.Linting;

namespace Waymark.Postgres;

/// <summary>
/// Reads, inside the replay's transaction, what PostgreSQL's catalog says a statement did: tables with their storage
/// (<c>relfilenode</c>, which a rewrite changes), columns (<c>atthasmissing</c>: added without a rewrite), indexes,
/// constraints (<c>convalidated</c>), and the table locks of this session (<c>pg_locks</c>). One round trip per read.
/// </summary>
internal sealed class PostgresLintProbe : ILintProbe
{
    private const string UserTables = """
        c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
        """;

    private const string TableName = "CASE WHEN n.nspname = current_schema() THEN c.relname ELSE n.nspname || '.' || c.relname END";

    private const string CatalogSql = $"""
        SELECT c.oid::text, {TableName}, c.relfilenode::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE {UserTables};
        SELECT a.attrelid::text, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef, a.atthasmissing
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE a.attnum > 0 AND NOT a.attisdropped AND {UserTables} ORDER BY a.attrelid, a.attnum;
        SELECT i.indrelid::text, ic.relname, i.indisunique,
               CASE WHEN 0 = ANY (i.indkey::int2[]) THEN ARRAY[]::text[] ELSE ARRAY(
                   SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) END
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {UserTables};
        SELECT con.conrelid::text, con.conname, con.contype::text, con.convalidated,
               CASE con.contype WHEN 'c' THEN pg_get_constraintdef(con.oid) ELSE '' END
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {UserTables};
        SELECT {TableName}, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND {UserTables}
        """;

    /// <inheritdoc />
    public bool SeesLocks => true;

    /// <inheritdoc />
    public async Task<CatalogSnapshot> ReadCatalogAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CatalogSql, (NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var tables = new List<(string Id, string Name, string Storage)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            tables.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var columns = new List<(string Table, CatalogColumn Column)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            columns.Add((reader.GetString(0), new CatalogColumn(reader.GetString(1), reader.GetInt16(2), reader.GetString(3),
                reader.GetBoolean(4), reader.GetBoolean(5), reader.GetBoolean(6))));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var indexes = new List<(string Table, CatalogIndex Index)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            indexes.Add((reader.GetString(0), new CatalogIndex(reader.GetString(1), reader.GetFieldValue<string[]>(3), reader.GetBoolean(2))));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var constraints = new List<(string Table, CatalogConstraint Constraint)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            constraints.Add((reader.GetString(0), new CatalogConstraint(reader.GetString(1), Kind(reader.GetString(2)), reader.GetBoolean(3),
                reader.GetString(4))));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var locks = new List<SessionLock>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            locks.Add(new SessionLock(reader.GetString(0), reader.GetString(1)));
        var columnsOf = columns.ToLookup(c => c.Table, c => c.Column);
        var indexesOf = indexes.ToLookup(i => i.Table, i => i.Index);
        var constraintsOf = constraints.ToLookup(c => c.Table, c => c.Constraint);
        return new CatalogSnapshot(
            [.. tables.Select(t => new CatalogTable(t.Id, t.Name, t.Storage, AutoIncrement: false, [.. columnsOf[t.Id]], [.. indexesOf[t.Id]],
                [.. constraintsOf[t.Id]]))],
            locks);
    }

    /// <inheritdoc />
    public async Task<DbTransaction> BeginReadOnlyAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SET TRANSACTION READ ONLY", (NpgsqlConnection)connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Rows from <c>reltuples</c>, PostgreSQL's own estimate; a table never vacuumed nor analysed has none (-1), and is counted.
    /// </remarks>
    public async Task<IReadOnlyList<TableSize>> ReadSizesAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        var sizes = new List<(string Name, string Quoted, long? Rows, long Bytes)>();
        await using (var command = new NpgsqlCommand($"""
            SELECT {TableName}, format('%I.%I', n.nspname, c.relname),
                   CASE WHEN c.reltuples < 0 THEN NULL ELSE c.reltuples::bigint END, pg_total_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {UserTables}
            """, npgsql, (NpgsqlTransaction)transaction))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                sizes.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.GetInt64(3)));
        }
        var result = new List<TableSize>(sizes.Count);
        foreach (var (name, quoted, rows, bytes) in sizes)
        {
            var counted = rows;
            if (counted is null)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {quoted}", npgsql, (NpgsqlTransaction)transaction);
                counted = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            result.Add(new TableSize(name, counted.Value, bytes));
        }
        return result;
    }

    private static CatalogConstraintKind Kind(string contype) => contype switch
    {
        "p" => CatalogConstraintKind.PrimaryKey,
        "u" => CatalogConstraintKind.Unique,
        "f" => CatalogConstraintKind.ForeignKey,
        "c" => CatalogConstraintKind.Check,
        _ => CatalogConstraintKind.Other,
    };
}
