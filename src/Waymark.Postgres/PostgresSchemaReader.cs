using System.Data.Common;
using Npgsql;
using Waymark.Execution;
using Waymark.Schema;

namespace Waymark.Postgres;

/// <summary>
/// Reads PostgreSQL schemas from the system catalogs: the tables of one schema (the connection's
/// <c>current_schema()</c>, or the schema of a qualified <c>schema.table</c> name) with their columns,
/// named constraints, indexes and triggers.
/// </summary>
public sealed class PostgresSchemaReader : ISchemaReader
{
    private const string EveryTable = """
        SELECT c.oid, n.nspname, c.relname, true FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND NOT c.relispartition ORDER BY c.relname
        """;

    // One name, looked up in its schema or else the current one; "unqualified" keeps the caller's spelling.
    // Kept this simple on purpose: migrations look a table up before every step, and a join over unnest()
    // cost more to plan than to run.
    private const string NamedTable = """
        SELECT c.oid, n.nspname, c.relname, @schema IS NULL AND n.nspname = current_schema()
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND c.relname = @table AND n.nspname = coalesce(@schema, current_schema())
        """;

    private const string ColumnsSql = """
        SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity <> ''
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = ANY(@oids) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum
        """;

    private const string ConstraintsSql = """
        SELECT con.conrelid, con.conname, con.contype::text,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
            CASE WHEN con.contype = 'f' THEN (SELECT CASE WHEN rn.nspname = current_schema() THEN r.relname::text
                    ELSE rn.nspname || '.' || r.relname END
                FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace WHERE r.oid = con.confrelid) END,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i),
            con.confdeltype::text, pg_get_constraintdef(con.oid), con.convalidated
        FROM pg_constraint con WHERE con.conrelid = ANY(@oids) AND con.contype IN ('p', 'u', 'f', 'c') ORDER BY con.conrelid, con.conname
        """;

    private const string IndexesSql = """
        SELECT ix.indrelid, i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid),
            ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, o)
                LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n
                WHERE k.o <= ix.indnkeyatts ORDER BY k.o),
            pg_get_indexdef(ix.indexrelid)
        FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid
        WHERE ix.indrelid = ANY(@oids)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c
              WHERE c.conindid = ix.indexrelid AND c.conrelid = ix.indrelid AND c.contype IN ('p', 'u', 'x'))
        ORDER BY ix.indrelid, i.relname
        """;

    private const string TriggersSql =
        "SELECT tgrelid, tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = ANY(@oids) AND NOT tgisinternal ORDER BY tgrelid, tgname";

    /// <inheritdoc />
    public async Task<SchemaSnapshot> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        new(await ReadTablesAsync(connection, transaction, null, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<TableDefinition?> ReadTableAsync(
        DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var tables = await ReadTablesAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        return tables.Count == 0 ? null : tables[0];
    }

    /// <summary>
    /// The named table (or every table of the current schema): which tables, then one batch with a catalog
    /// query per kind of object for all of them at once, so reading a schema costs the same two round trips
    /// however many tables it has.
    /// </summary>
    private static async Task<List<TableDefinition>> ReadTablesAsync(
        DbConnection connection, DbTransaction? transaction, string? name, CancellationToken cancellationToken)
    {
        List<(uint Oid, string Schema, string Name, bool Unqualified)> found;
        await using (
            var command = new NpgsqlCommand(name is null ? EveryTable : NamedTable, (NpgsqlConnection)connection, (NpgsqlTransaction?)transaction))
        {
            if (name is not null)
            {
                var dot = name.LastIndexOf('.');
                command.Parameters.Add(new NpgsqlParameter("schema", NpgsqlTypes.NpgsqlDbType.Text) { Value = dot < 0 ? DBNull.Value : name[..dot] });
                command.Parameters.Add(new NpgsqlParameter("table", NpgsqlTypes.NpgsqlDbType.Text) { Value = dot < 0 ? name : name[(dot + 1)..] });
            }
            await using var tables = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            found = await ReadRowsAsync(tables, r => (Oid: r.GetFieldValue<uint>(0), Schema: r.GetString(1), Name: r.GetString(2),
                Unqualified: r.GetBoolean(3)), cancellationToken).ConfigureAwait(false);
        }
        if (found.Count == 0)
            return [];

        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        var oids = found.Select(t => t.Oid).ToArray();
        foreach (var sql in new[] { ColumnsSql, ConstraintsSql, IndexesSql, TriggersSql })
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) {
                Parameters = { new NpgsqlParameter("oids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Oid) { Value = oids } } });
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = (await ReadRowsAsync(reader, r => (Oid: r.GetFieldValue<uint>(0), Column: new ColumnDefinition(
            r.GetString(1),
            ColumnType.Native(r.GetString(2)),
            Nullable: !r.GetBoolean(3),
            Default: r.IsDBNull(4) ? null : DefaultValue.FromSql(r.GetString(4)),
            Identity: r.GetBoolean(5))), cancellationToken).ConfigureAwait(false)).ToLookup(c => c.Oid, c => c.Column);
        var constraints = (await NextRowsAsync(reader, r => (Oid: r.GetFieldValue<uint>(0),
            Name: r.GetString(1), Type: r.GetString(2), Columns: r.GetFieldValue<string[]>(3),
            Referenced: r.IsDBNull(4) ? null : r.GetString(4), ReferencedColumns: r.GetFieldValue<string[]>(5),
            OnDelete: r.GetString(6), Definition: r.GetString(7), Validated: r.GetBoolean(8)), cancellationToken).ConfigureAwait(false)).ToLookup(
                c => c.Oid);
        var indexes = (await NextRowsAsync(reader, r => (Oid: r.GetFieldValue<uint>(0),
            Name: r.GetString(1), Unique: r.GetBoolean(2), Filter: r.IsDBNull(3) ? null : r.GetString(3),
            Columns: r.GetFieldValue<string?[]>(4), Definition: r.GetString(5)), cancellationToken).ConfigureAwait(false)).ToLookup(i => i.Oid);
        var triggers = (await NextRowsAsync(reader,
            r => (Oid: r.GetFieldValue<uint>(0), Trigger: new NativeObjectDefinition("trigger", r.GetString(1), r.GetString(2))), cancellationToken)
            .ConfigureAwait(false)).ToLookup(t => t.Oid, t => t.Trigger);

        return [.. found.Select(t =>
        {
            var displayName = t.Unqualified ? t.Name : $"{t.Schema}.{t.Name}";
            var tableConstraints = constraints[t.Oid].ToList();
            var primaryKey = tableConstraints.Where(c => c.Type == "p").Select(c => new PrimaryKeyDefinition(c.Name, c.Columns)).FirstOrDefault();
            var foreignKeys = tableConstraints.Where(c => c.Type == "f")
                .Select(c => new ForeignKeyDefinition(c.Name, c.Columns, c.Referenced!, c.ReferencedColumns, ParseAction(c.OnDelete)) {
                    NotValid = !c.Validated })
                .OrderBy(f => string.Join(",", f.Columns), StringComparer.Ordinal).ThenBy(f => f.ReferencedTable, StringComparer.Ordinal);
            var uniques = tableConstraints.Where(c => c.Type == "u").Select(c => new UniqueConstraintDefinition(c.Name, c.Columns))
                .OrderBy(u => string.Join(",", u.Columns), StringComparer.Ordinal);
            var checks = tableConstraints.Where(c => c.Type == "c").Select(
                c => new CheckConstraintDefinition(c.Name, CheckExpression(c.Definition)) { NotValid = !c.Validated });
            var indexRows = indexes[t.Oid].ToList();
            var plainIndexes = indexRows.Where(i => !i.Columns.Contains(null))
                .Select(i => new IndexDefinition(i.Name, displayName, [.. i.Columns.Select(c => c!)], i.Unique, i.Filter));
            var expressionIndexes = indexRows.Where(i => i.Columns.Contains(null)).Select(
                i => new NativeObjectDefinition("index", i.Name, i.Definition));
            return new TableDefinition(displayName, [.. columns[t.Oid]], primaryKey, [.. foreignKeys], [.. uniques], [.. checks], [.. plainIndexes],
                [.. expressionIndexes, .. triggers[t.Oid]]);
        })];
    }

    /// <summary>"CHECK ((price >= 0))" → "(price >= 0)"; a NOT VALID constraint's definition ends with it, after the parenthesis.</summary>
    private static string CheckExpression(string definition)
    {
        var text = definition.Trim();
        if (text.EndsWith(" NOT VALID", StringComparison.Ordinal))
            text = text[..^" NOT VALID".Length];
        return text.StartsWith("CHECK (", StringComparison.Ordinal) && text.EndsWith(')') ? text["CHECK (".Length..^1] : text;
    }

    private static ReferentialAction ParseAction(string action) => action switch
    {
        "c" => ReferentialAction.Cascade,
        "n" => ReferentialAction.SetNull,
        "d" => ReferentialAction.SetDefault,
        "r" => ReferentialAction.Restrict,
        _ => ReferentialAction.NoAction,
    };

    private static async Task<List<T>> NextRowsAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return await ReadRowsAsync(reader, read, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<T>> ReadRowsAsync<T>(DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(read(reader));
        return rows;
    }
}
