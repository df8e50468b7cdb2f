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
    private const string TableOid = """
        SELECT c.oid, n.nspname, c.relname, n.nspname = current_schema() FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND c.relname = @table AND n.nspname = coalesce(@schema, current_schema())
        """;

    private const string ColumnsSql = """
        SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity <> ''
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = @oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
        """;

    private const string ConstraintsSql = """
        SELECT con.conname, con.contype::text,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i),
            CASE WHEN con.contype = 'f' THEN (SELECT CASE WHEN rn.nspname = current_schema() THEN r.relname::text ELSE rn.nspname || '.' || r.relname END
                FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace WHERE r.oid = con.confrelid) END,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i),
            con.confdeltype::text, pg_get_constraintdef(con.oid)
        FROM pg_constraint con WHERE con.conrelid = @oid AND con.contype IN ('p', 'u', 'f', 'c') ORDER BY con.conname
        """;

    private const string IndexesSql = """
        SELECT i.relname, ix.indisunique, pg_get_expr(ix.indpred, ix.indrelid),
            ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, o) LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n
                WHERE k.o <= ix.indnkeyatts ORDER BY k.o),
            pg_get_indexdef(ix.indexrelid)
        FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid
        WHERE ix.indrelid = @oid
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.conrelid = ix.indrelid AND c.contype IN ('p', 'u', 'x'))
        ORDER BY i.relname
        """;

    private const string TriggersSql = "SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = @oid AND NOT tgisinternal ORDER BY tgname";

    /// <inheritdoc />
    public async Task<SchemaSnapshot> ReadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var names = await QueryAsync(connection, transaction,
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND NOT c.relispartition ORDER BY c.relname",
            [], r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        var tables = new List<TableDefinition>(names.Count);
        foreach (var name in names)
            tables.Add((await ReadTableAsync(connection, transaction, name, cancellationToken).ConfigureAwait(false))!);
        return new SchemaSnapshot(tables);
    }

    /// <inheritdoc />
    public async Task<TableDefinition?> ReadTableAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var dot = table.LastIndexOf('.');
        string? schema = dot < 0 ? null : table[..dot];
        var bare = dot < 0 ? table : table[(dot + 1)..];
        var found = await QueryAsync(connection, transaction, TableOid, [("table", bare), ("schema", schema)],
            r => (Oid: r.GetFieldValue<uint>(0), Schema: r.GetString(1), Name: r.GetString(2), InCurrentSchema: r.GetBoolean(3)), cancellationToken).ConfigureAwait(false);
        if (found.Count == 0)
            return null;
        var (oid, tableSchema, name, inCurrentSchema) = found[0];
        var displayName = inCurrentSchema && schema is null ? name : $"{tableSchema}.{name}";
        (string, object?)[] byOid = [("oid", oid)];

        var columns = await QueryAsync(connection, transaction, ColumnsSql, byOid, r => new ColumnDefinition(
            r.GetString(0),
            ColumnType.Native(r.GetString(1)),
            Nullable: !r.GetBoolean(2),
            Default: r.IsDBNull(3) ? null : DefaultValue.FromSql(r.GetString(3)),
            Identity: r.GetBoolean(4)), cancellationToken).ConfigureAwait(false);

        var constraints = await QueryAsync(connection, transaction, ConstraintsSql, byOid, r => (
            Name: r.GetString(0), Type: r.GetString(1), Columns: r.GetFieldValue<string[]>(2),
            Referenced: r.IsDBNull(3) ? null : r.GetString(3), ReferencedColumns: r.GetFieldValue<string[]>(4),
            OnDelete: r.GetString(5), Definition: r.GetString(6)), cancellationToken).ConfigureAwait(false);
        var primaryKey = constraints.Where(c => c.Type == "p").Select(c => new PrimaryKeyDefinition(c.Name, c.Columns)).FirstOrDefault();
        var foreignKeys = constraints.Where(c => c.Type == "f")
            .Select(c => new ForeignKeyDefinition(c.Name, c.Columns, c.Referenced!, c.ReferencedColumns, ParseAction(c.OnDelete)))
            .OrderBy(f => string.Join(",", f.Columns), StringComparer.Ordinal).ThenBy(f => f.ReferencedTable, StringComparer.Ordinal);
        var uniques = constraints.Where(c => c.Type == "u").Select(c => new UniqueConstraintDefinition(c.Name, c.Columns))
            .OrderBy(u => string.Join(",", u.Columns), StringComparer.Ordinal);
        var checks = constraints.Where(c => c.Type == "c").Select(c => new CheckConstraintDefinition(c.Name, CheckExpression(c.Definition)));

        var indexRows = await QueryAsync(connection, transaction, IndexesSql, byOid, r => (
            Name: r.GetString(0), Unique: r.GetBoolean(1), Filter: r.IsDBNull(2) ? null : r.GetString(2),
            Columns: r.GetFieldValue<string?[]>(3), Definition: r.GetString(4)), cancellationToken).ConfigureAwait(false);
        var indexes = indexRows.Where(i => !i.Columns.Contains(null))
            .Select(i => new IndexDefinition(i.Name, displayName, [.. i.Columns.Select(c => c!)], i.Unique, i.Filter));
        var expressionIndexes = indexRows.Where(i => i.Columns.Contains(null)).Select(i => new NativeObjectDefinition("index", i.Name, i.Definition));
        var triggers = await QueryAsync(connection, transaction, TriggersSql, byOid,
            r => new NativeObjectDefinition("trigger", r.GetString(0), r.GetString(1)), cancellationToken).ConfigureAwait(false);

        return new TableDefinition(displayName, columns, primaryKey, [.. foreignKeys], [.. uniques], [.. checks], [.. indexes],
            [.. expressionIndexes, .. triggers]);
    }

    /// <summary>"CHECK ((price >= 0))" → "(price >= 0)".</summary>
    private static string CheckExpression(string definition)
    {
        var text = definition.Trim();
        if (text.StartsWith("CHECK (", StringComparison.Ordinal) && text.EndsWith(')'))
            text = text["CHECK (".Length..^1];
        return text.EndsWith(" NOT VALID", StringComparison.Ordinal) ? text[..^" NOT VALID".Length] : text;
    }

    private static ReferentialAction ParseAction(string action) => action switch
    {
        "c" => ReferentialAction.Cascade,
        "n" => ReferentialAction.SetNull,
        "d" => ReferentialAction.SetDefault,
        "r" => ReferentialAction.Restrict,
        _ => ReferentialAction.NoAction,
    };

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, string sql,
        (string Name, object? Value)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection, (NpgsqlTransaction?)transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.Add(new NpgsqlParameter(name, value is null ? NpgsqlTypes.NpgsqlDbType.Text : value is uint ? NpgsqlTypes.NpgsqlDbType.Oid : NpgsqlTypes.NpgsqlDbType.Text) { Value = value ?? DBNull.Value });
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(read(reader));
        return rows;
    }
}
