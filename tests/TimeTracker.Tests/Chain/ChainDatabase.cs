using Microsoft.Data.Sqlite;
using TimeTracker.Database;
using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Sqlite;

namespace TimeTracker.Tests.Chain;

/// <summary>A fresh SQLite file with TimeTracker's chain, in a temp directory removed afterwards.</summary>
public sealed class ChainDatabase : IDisposable
{
    private static readonly string[] Bookkeeping = ["alembic_version", "waymark_history"];
    private readonly string _directory = Directory.CreateTempSubdirectory("tt-chain-").FullName;

    public ChainDatabase()
    {
        Path = System.IO.Path.Combine(_directory, "chain.db");
        Provider = new SqliteDatabaseProvider($"Data Source={Path};Pooling=False");
        Graph = TimeTrackerDatabase.LoadGraph();
        Migrator = new Migrator(Graph, Provider);
    }

    public string Path { get; }

    public SqliteDatabaseProvider Provider { get; }

    public RevisionGraph Graph { get; }

    public Migrator Migrator { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>The user tables' schema, without the version and history tables.</summary>
    public async Task<SchemaSnapshot> SchemaAsync()
    {
        await using var connection = Open();
        return (await Provider.SchemaReader.ReadAsync(connection, null, CancellationToken.None)).Without(Bookkeeping);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
