using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using TimeTracker.Database;
using Waymark.Execution;
using Waymark.Postgres;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Sqlite;
using Waymark.Testing;

namespace TimeTracker.Tests.Chain;

/// <summary>The databases the chain tests run on.</summary>
public enum ChainDialect
{
    /// <summary>A SQLite file in a temp directory.</summary>
    Sqlite,

    /// <summary>A fresh database on the test run's PostgreSQL server.</summary>
    Postgres,
}

/// <summary>
/// A fresh, empty database of one dialect with TimeTracker's chain: a SQLite file in a temp directory
/// (removed afterwards) or a new database on the shared PostgreSQL server (dropped afterwards).
/// </summary>
public sealed class ChainDatabase : IAsyncDisposable
{
    private static readonly string[] Bookkeeping = ["alembic_version", "waymark_history"];
    private readonly string? _directory;
    private readonly string? _postgresDatabase;

    private ChainDatabase(ChainDialect dialect, string connectionString, IDatabaseProvider provider, string? directory, string? postgresDatabase)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
        Provider = provider;
        _directory = directory;
        _postgresDatabase = postgresDatabase;
        Graph = TimeTrackerDatabase.LoadGraph();
        Migrator = new Migrator(Graph, Provider);
    }

    public ChainDialect Dialect { get; }

    public string ConnectionString { get; }

    public IDatabaseProvider Provider { get; }

    public RevisionGraph Graph { get; }

    public Migrator Migrator { get; }

    /// <summary>The database's URL, as the application takes it (<c>sqlite:///…</c> or <c>postgresql://…</c>).</summary>
    public string Url => _directory is not null ? "sqlite:///" + SqlitePath : PostgresServer.Instance.UrlFor(_postgresDatabase!);

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqlitePath => _directory is null ? null : Path.Combine(_directory, "chain.db");

    /// <summary>A new empty database.</summary>
    public static async Task<ChainDatabase> CreateAsync(ChainDialect dialect)
    {
        if (dialect == ChainDialect.Sqlite)
            return Sqlite(Directory.CreateTempSubdirectory("tt-chain-").FullName);
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("chain");
        return Postgres(new NpgsqlConnectionStringBuilder(connectionString).Database!);
    }

    /// <summary>A new database with the same schema and rows as this one (which must have no open connection).</summary>
    public async Task<ChainDatabase> CopyAsync()
    {
        if (_directory is not null)
        {
            var copy = Sqlite(Directory.CreateTempSubdirectory("tt-chain-").FullName);
            File.Copy(SqlitePath!, copy.SqlitePath!);
            return copy;
        }
        var name = $"chain_{Guid.NewGuid():N}";
        ClosePooledConnections();
        await PostgresServer.Instance.ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{_postgresDatabase}\"");
        return Postgres(name);
    }

    private static ChainDatabase Sqlite(string directory)
    {
        var connectionString = $"Data Source={Path.Combine(directory, "chain.db")};Pooling=False";
        return new ChainDatabase(ChainDialect.Sqlite, connectionString, new SqliteDatabaseProvider(connectionString), directory, null);
    }

    private static ChainDatabase Postgres(string name)
    {
        // Pooled: a new server process per connection would read the catalogs cold every time.
        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.Instance.ConnectionStringFor(name)) { Pooling = true }.ConnectionString;
        return new ChainDatabase(ChainDialect.Postgres, connectionString, new PostgresDatabaseProvider(connectionString), null, name);
    }

    /// <summary>A new open connection (the caller disposes it).</summary>
    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Dialect == ChainDialect.Sqlite
            ? new SqliteConnection(ConnectionString)
            : new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The user tables' schema, without the version and history tables.</summary>
    public async Task<SchemaSnapshot> SchemaAsync()
    {
        await using var connection = await OpenAsync();
        return (await Provider.SchemaReader.ReadAsync(connection, null, CancellationToken.None)).Without(Bookkeeping);
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
        if (_postgresDatabase is not null)
        {
            ClosePooledConnections();
            await PostgresServer.Instance.ExecuteAsync($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)");
        }
    }

    /// <summary>Closes the idle pooled connections of this database (the test's and the migrator's).</summary>
    private void ClosePooledConnections()
    {
        foreach (var connectionString in new[] { ConnectionString, ((PostgresDatabaseProvider)Provider).ConnectionString })
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
