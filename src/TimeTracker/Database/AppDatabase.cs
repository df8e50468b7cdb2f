using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Waymark.Execution;
using Waymark.Postgres;
using Waymark.Sqlite;

namespace TimeTracker.Database;

/// <summary>
/// The database the API serves from: pooled connections for requests, and the Waymark provider of the same
/// database for the schema checks (startup policy, <c>/health</c>).
/// </summary>
internal sealed class AppDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqliteConnectionString;

    /// <summary>Opens nothing yet; <paramref name="url"/> is a database URL as the <c>db</c> commands take it.</summary>
    /// <exception cref="Waymark.Configuration.InvalidDatabaseUrlException">The URL is malformed or of an unknown kind.</exception>
    public AppDatabase(string url)
    {
        Provider = TimeTrackerDatabase.Providers().Create(url);
        switch (Provider)
        {
            case PostgresDatabaseProvider postgres:
                // The migration commands use one unpooled connection; requests need a pool, and the same few
                // statements over and over: prepared after their second use, the server plans each once per connection.
                _postgres = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres.ConnectionString)
                {
                    Pooling = true,
                    MaxAutoPrepare = 64,
                    AutoPrepareMinUsages = 2,
                }.ConnectionString);
                break;
            case SqliteDatabaseProvider sqlite:
                _sqliteConnectionString = new SqliteConnectionStringBuilder(sqlite.ConnectionString)
                {
                    Pooling = true,
                    ForeignKeys = true,
                    // The schema is made by the migrations before anything is served: a request must never create
                    // an empty database where the file has gone, but fail, so that /health and the log say so.
                    Mode = SqliteOpenMode.ReadWrite,
                    // Writers wait for each other this long (SQLite's busy timeout) instead of failing at once.
                    DefaultTimeout = 30,
                }.ConnectionString;
                break;
            default:
                throw new NotSupportedException($"TimeTracker cannot serve from {Provider.DisplayName}.");
        }
    }

    /// <summary>The Waymark provider of this database (migrations, version record).</summary>
    public IDatabaseProvider Provider { get; }

    /// <summary>Whether this is PostgreSQL (else SQLite): the few statements that differ ask this.</summary>
    public bool IsPostgres => _postgres is not null;

    /// <summary>Where the database is, with no password.</summary>
    public string DisplayName => Provider.DisplayName;

    /// <summary>An open connection from the pool.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
            return await _postgres.OpenConnectionAsync(cancellationToken);
        var connection = new SqliteConnection(_sqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Opens a connection from the pool and runs a trivial query: whether requests can reach the database now.</summary>
    /// <exception cref="DbException">They cannot; the message says why.</exception>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        await using (connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
            await _postgres.DisposeAsync();
    }
}
