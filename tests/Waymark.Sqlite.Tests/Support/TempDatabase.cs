using System.Globalization;
using Microsoft.Data.Sqlite;
using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Testing;

namespace Waymark.Sqlite.Tests.Support;

/// <summary>A SQLite file in a temp directory of its own, deleted with the directory on Dispose.</summary>
public sealed class TempDatabase : ScenarioDatabase, IDisposable
{
    public TempDatabase(string fileName = "app.db")
    {
        DirectoryPath = Path.Combine(Path.GetTempPath(), "waymark-sqlite-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DirectoryPath);
        FilePath = Path.Combine(DirectoryPath, fileName);
    }

    /// <summary>A fresh file, as the shared scenarios ask for one.</summary>
    public static Task<ScenarioDatabase> CreateAsync() => Task.FromResult<ScenarioDatabase>(new TempDatabase());

    public string DirectoryPath { get; }

    public string FilePath { get; }

    public override string ConnectionString => $"Data Source={FilePath};Pooling=False";

    public bool Exists => File.Exists(FilePath);

    public SqliteDatabaseProvider Provider(string extra = "") => new(ConnectionString + extra);

    public Migrator Migrator(RevisionGraph graph, string extraConnectionOptions = "", Microsoft.Extensions.Logging.ILogger? logger = null) =>
        new(graph, Provider(extraConnectionOptions), Options, logger);

    public override IDatabaseProvider NewProvider() => Provider();

    /// <summary>An inspection connection; foreign keys are enforced on it unless told otherwise.</summary>
    public SqliteConnection Open(bool foreignKeys = true)
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = foreignKeys ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public void Execute(string sql, bool foreignKeys = true)
    {
        using var connection = Open(foreignKeys);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public long Count(string table) => Scalar($"SELECT count(*) FROM \"{table}\"");

    /// <summary>Every row of a query, each value as text ("NULL" for null), columns joined with '|'.</summary>
    public List<string> Rows(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
                values[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            rows.Add(string.Join("|", values));
        }
        return rows;
    }

    public List<string> VersionRows() => Rows("SELECT version_num FROM alembic_version ORDER BY version_num");

    public bool TableExists(string table) =>
        Scalar($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") == 1;

    public bool IndexExists(string index) =>
        Scalar($"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '{index}'") == 1;

    /// <summary>Tables a rebuild left behind (there must never be any after a run).</summary>
    public List<string> LeftoverRebuildTables() =>
        Rows("SELECT name FROM sqlite_master WHERE name LIKE '\\_waymark\\_rebuild\\_%' ESCAPE '\\'");

    public override Task ExecuteAsync(string sql)
    {
        Execute(sql);
        return Task.CompletedTask;
    }

    public override Task<List<string>> RowsAsync(string sql) => Task.FromResult(Rows(sql));

    public override Task<bool> TableExistsAsync(string table) => Task.FromResult(TableExists(table));

    public override Task<bool> IndexExistsAsync(string index) => Task.FromResult(IndexExists(index));

    public override Task<List<string>> AllTablesAsync() =>
        Task.FromResult(Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1"));

    public override async Task<SchemaSnapshot> ReadSchemaAsync()
    {
        await using var connection = Open(foreignKeys: false);
        return await new SqliteSchemaReader().ReadAsync(connection, null, CancellationToken.None);
    }

    public override async Task<TableDefinition> ReadTableAsync(string table)
    {
        await using var connection = Open(foreignKeys: false);
        return await new SqliteSchemaReader().ReadTableAsync(connection, null, table, CancellationToken.None)
            ?? throw new InvalidOperationException($"no table {table}");
    }

    public override ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise (a test may have made a file read-only).
        }
    }
}
