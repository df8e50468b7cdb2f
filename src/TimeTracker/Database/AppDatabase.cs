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
                var settings = new NpgsqlConnectionStringBuilder(postgres.ConnectionString)
                {
                    Pooling = true,
                    MaxAutoPrepare = 64,
                    AutoPrepareMinUsages = 2,
                };
                // No JIT compilation: requests run short statements, and the compiler starts on the planner's estimate
                // alone. The summary's midnight windows (a join on parameter rows) are estimated at millions of rows
                // and read a handful: JIT spent 180 ms compiling for none at 10M entries (bench/README.md).
                settings.Options = string.IsNullOrWhiteSpace(settings.Options) ? "-c jit=off" : settings.Options + " -c jit=off";
                _postgres = NpgsqlDataSource.Create(settings.ConnectionString);
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

    /// <summary>What this database does differently (chosen once, here): the few statements that differ ask it.</summary>
    public SqlDialect Dialect => _postgres is not null ? SqlDialect.Postgres : SqlDialect.Sqlite;

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

    /// <summary>A session on a pooled connection, in no transaction yet.</summary>
    public async Task<DbSession> OpenSessionAsync(CancellationToken cancellationToken) =>
        new(await OpenAsync(cancellationToken), Dialect, null, ownsConnection: true);

    /// <summary>A session on a pooled connection, in a transaction that rolls back unless it is committed.</summary>
    public async Task<DbSession> BeginAsync(CancellationToken cancellationToken)
    {
        var session = await OpenSessionAsync(cancellationToken);
        try
        {
            await session.BeginAsync(cancellationToken);
            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction of its own: committed when it returns, rolled back when it throws.
    /// When the database ends it as a deadlock's victim, it runs once more from the start in a new transaction:
    /// <paramref name="work"/> must do nothing outside the database before it returns.
    /// </summary>
    /// <remarks>
    /// Changes to entries update the report totals' rows of their member, project and tags (revision 031): two
    /// transactions that move entries between the same two projects in opposite directions can wait on each other.
    /// </remarks>
    public async Task<T> InTransactionAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            var session = await BeginAsync(cancellationToken);
            await using (session)
            {
                try
                {
                    var result = await work(session);
                    await session.CommitAsync(cancellationToken);
                    return result;
                }
                catch (DbException exception) when (attempt == 1 && session.Dialect.IsDeadlockVictim(exception))
                {
                    // Rolled back as the session ends; the other transaction has gone on meanwhile.
                }
            }
        }
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
