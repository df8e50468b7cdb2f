using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Waymark.Schema;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// Fills every table of a schema with rows whose every column has a value (parents first, so foreign keys
/// hold), and reads tables back as text for comparison.
/// </summary>
public static class SampleRows
{
    public static void Insert(SqliteConnection connection, SchemaSnapshot schema, int rowsPerTable = 2)
    {
        foreach (var table in ParentsFirst(schema))
        {
            for (var row = 1; row <= rowsPerTable; row++)
            {
                var columns = table.Columns.Where(c => !IsSelfReference(table, c)).ToList();
                using var command = connection.CreateCommand();
                command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                                      $"VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
                for (var i = 0; i < columns.Count; i++)
                    command.Parameters.AddWithValue($"@p{i}", ValueFor(table, columns[i], row));
                command.ExecuteNonQuery();
            }
        }
    }

    /// <summary>The rows of <paramref name="table"/> in the given columns, one line each, in rowid order.</summary>
    public static string Dump(SqliteConnection connection, string table, IEnumerable<string> columns)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"quote(\"{c}\")"))} FROM \"{table}\" ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
                text.Append(reader.GetString(i)).Append(i + 1 < reader.FieldCount ? " | " : "\n");
        }
        return text.ToString();
    }

    private static object ValueFor(TableDefinition table, ColumnDefinition column, int row)
    {
        if (table.ForeignKeys.FirstOrDefault(f => f.Columns.Contains(column.Name)) is not null)
            return row;
        var declared = column.Type.NativeSql ?? "";
        if (column.Identity || declared.Equals("INTEGER", StringComparison.OrdinalIgnoreCase))
            return column.Identity || table.PrimaryKey?.Columns.Contains(column.Name) == true ? row : row % 2;
        if (declared.Equals("NUMERIC", StringComparison.OrdinalIgnoreCase))
            return 10.25m * row;
        return string.Create(CultureInfo.InvariantCulture, $"{table.Name}.{column.Name}#{row}");
    }

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
