using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;
using Waymark.Schema;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// Fills every table of a schema with rows whose every column has a value (parents first, so foreign keys
/// hold), and reads tables back as text for comparison. Values follow each column's declared type, as read
/// back from the database (<see cref="ColumnType.NativeSql"/>): SQLite's INTEGER/NUMERIC/TEXT, PostgreSQL's
/// integer, bigint, boolean, numeric(p,s), character varying(n), text, timestamp with time zone, date, jsonb.
/// </summary>
public static partial class SampleRows
{
    public static async Task InsertAsync(DbConnection connection, SchemaSnapshot schema, int rowsPerTable = 2)
    {
        foreach (var table in ParentsFirst(schema))
        {
            for (var row = 1; row <= rowsPerTable; row++)
            {
                var columns = table.Columns.Where(c => !IsSelfReference(table, c)).ToList();
                await using var command = connection.CreateCommand();
                command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                                      $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
                for (var i = 0; i < columns.Count; i++)
                    command.Parameters.Add(Parameter(command, $"p{i}", table, columns[i], row));
                await command.ExecuteNonQueryAsync();
            }
        }
        await ResetIdentitiesAsync(connection, schema);
    }

    /// <summary>
    /// After rows were inserted with explicit ids, moves each PostgreSQL identity past the largest id, as a restore
    /// does, so that rows inserted later (by the application or a data migration) get fresh ids. SQLite needs nothing.
    /// </summary>
    public static async Task ResetIdentitiesAsync(DbConnection connection, SchemaSnapshot schema)
    {
        if (connection is not NpgsqlConnection)
            return;
        foreach (var table in schema.Tables)
        {
            if (table.Columns.FirstOrDefault(c => c.Identity) is not { } identity)
                continue;
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', '{identity.Name}'), COALESCE((SELECT MAX(\"{identity.Name}\") FROM \"{table.Name}\"), 1))";
            await command.ExecuteScalarAsync();
        }
    }

    /// <summary>
    /// The rows of <paramref name="table"/>, ordered by its primary key, each as column name → the value
    /// as an SQL literal (SQLite's <c>quote()</c>, PostgreSQL's <c>quote_nullable(value::text)</c>).
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ReadAsync(DbConnection connection, TableDefinition table)
    {
        var postgres = connection is NpgsqlConnection;
        var columns = table.Columns.Select(c => c.Name).ToList();
        var order = table.PrimaryKey?.Columns ?? columns;
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => postgres ? $"quote_nullable(\"{c}\"::text)" : $"quote(\"{c}\")"))} " +
                              $"FROM \"{table.Name}\" ORDER BY {string.Join(", ", order.Select(c => $"\"{c}\""))}";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
                row[columns[i]] = reader.GetString(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The given columns of <paramref name="rows"/>, one line per row.</summary>
    public static string Format(IEnumerable<IReadOnlyDictionary<string, string>> rows, IEnumerable<string> columns)
    {
        var names = columns.ToList();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendJoin(" | ", names.Select(c => $"{c}={row[c]}")).Append('\n');
        return text.ToString();
    }

    private static DbParameter Parameter(DbCommand command, string name, TableDefinition table, ColumnDefinition column, int row)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        var declared = (column.Type.NativeSql ?? "").ToUpperInvariant();
        if (declared == "JSONB" && parameter is NpgsqlParameter json)
        {
            json.NpgsqlDbType = NpgsqlDbType.Jsonb;
            json.Value = string.Create(CultureInfo.InvariantCulture, $$"""{"row": {{row}}, "source": "{{table.Name}}.{{column.Name}}", "tags": ["a", "b"]}""");
            return json;
        }
        parameter.Value = ValueFor(table, column, declared, row);
        return parameter;
    }

    private static object ValueFor(TableDefinition table, ColumnDefinition column, string declared, int row)
    {
        var key = column.Identity
            || table.PrimaryKey?.Columns.Contains(column.Name) == true
            || table.ForeignKeys.Any(f => f.Columns.Contains(column.Name));
        switch (declared)
        {
            case "INTEGER" or "SMALLINT":
                return key ? row : row % 2;
            case "BIGINT":
                return key ? (long)row : row % 2 * 1_000_000_000_000L;
            case "BOOLEAN":
                return row % 2 == 0;
            case "DATE":
                return new DateOnly(2024, 2, 27).AddDays(row);
            case "TIMESTAMP WITH TIME ZONE":
                return new DateTime(2024, 3, 30, 23, 15, 30, DateTimeKind.Utc).AddDays(row).AddMicroseconds(123_456 * row);
        }
        if (declared.StartsWith("NUMERIC", StringComparison.Ordinal))
            return 10.25m * row;
        // Text: the row number first, so values cut to a short varchar(n) stay distinct (unique columns).
        var text = string.Create(CultureInfo.InvariantCulture, $"{row}:{table.Name}.{column.Name}");
        return VarcharLength().Match(declared) is { Success: true } match
            ? text[..Math.Min(text.Length, int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))]
            : text;
    }

    [GeneratedRegex(@"^(?:CHARACTER VARYING|VARCHAR|CHARACTER|CHAR)\((\d+)\)$")]
    private static partial Regex VarcharLength();

    private static bool IsSelfReference(TableDefinition table, ColumnDefinition column) =>
        table.ForeignKeys.Any(f => f.Columns.Contains(column.Name) && f.ReferencedTable == table.Name);

    private static List<TableDefinition> ParentsFirst(SchemaSnapshot schema)
    {
        var ordered = new List<TableDefinition>();
        var placed = new HashSet<string>();
        while (ordered.Count < schema.Tables.Count)
        {
            var next = schema.Tables.First(t => !placed.Contains(t.Name)
                && t.ForeignKeys.All(f => f.ReferencedTable == t.Name || placed.Contains(f.ReferencedTable)));
            ordered.Add(next);
            placed.Add(next.Name);
        }
        return ordered;
    }
}
