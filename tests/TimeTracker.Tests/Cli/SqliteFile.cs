using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TimeTracker.Tests.Cli;

/// <summary>Reads and edits a SQLite file directly (no pooling, so nothing stays open after a call).</summary>
internal static class SqliteFile
{
    /// <summary>The rows of alembic_version, sorted.</summary>
    public static IReadOnlyList<string> Versions(string path) =>
        [.. Column(path, "SELECT version_num FROM alembic_version ORDER BY version_num").Select(v => v ?? "")];

    /// <summary>The user tables (not SQLite's own), sorted by name.</summary>
    public static IReadOnlyList<string> Tables(string path) =>
        [.. Column(path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").Select(v => v ?? "")];

    /// <summary>The first column of every row, as text (null for NULL).</summary>
    public static IReadOnlyList<string?> Column(string path, string sql)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string?>();
        while (reader.Read())
            values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture));
        return values;
    }

    public static long Count(string path, string sql)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs statements on the file, creating it if need be.</summary>
    public static void Execute(string path, string sql)
    {
        using var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        if (mode != SqliteOpenMode.ReadWriteCreate && !File.Exists(path))
            throw new FileNotFoundException($"No database at {path}.", path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
