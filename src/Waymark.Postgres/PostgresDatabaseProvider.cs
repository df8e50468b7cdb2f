using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using Waymark.Dialects;
using Waymark.Execution;

namespace Waymark.Postgres;

/// <summary>A PostgreSQL database for the engine, reached through Npgsql.</summary>
public sealed class PostgresDatabaseProvider : IDatabaseProvider
{
    private readonly string _connectionString;
    private readonly NpgsqlConnectionStringBuilder _settings;

    /// <summary>Creates a provider for an Npgsql connection string.</summary>
    public PostgresDatabaseProvider(string connectionString)
    {
        _settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(_settings.ApplicationName))
            _settings.ApplicationName = "waymark";
        _connectionString = _settings.ConnectionString;
        var port = _settings.Port == NpgsqlConnection.DefaultPort ? "" : $":{_settings.Port}";
        DisplayName = $"postgresql://{(_settings.Username is { Length: > 0 } user ? user + "@" : "")}{_settings.Host}{port}/{DatabaseName}";
    }

    /// <inheritdoc />
    public ISqlDialect Dialect { get; } = new PostgresDialect();

    /// <inheritdoc />
    public ISchemaReader SchemaReader { get; } = new PostgresSchemaReader();

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <summary>The connection string used to connect (it may hold a password: never print it).</summary>
    public string ConnectionString => _connectionString;

    private string DatabaseName => _settings.Database is { Length: > 0 } database ? database : _settings.Username ?? "postgres";

    /// <inheritdoc />
    public Task<bool> ExistsAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    /// <inheritdoc />
    public async Task<ScratchDatabase> CreateScratchDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"waymark_scratch_{Guid.NewGuid():N}";
        await using (var connection = (NpgsqlConnection)await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException ex)
            {
                throw new ScratchDatabaseUnavailableException(DisplayName, $"{ex.MessageText} [SQLSTATE {ex.SqlState}]", ex);
            }
        }
        var scratch = new PostgresDatabaseProvider(new NpgsqlConnectionStringBuilder(_connectionString) { Database = name, Pooling = false }.ConnectionString);
        return new ScratchDatabase(scratch, async () =>
        {
            await using var connection = (NpgsqlConnection)await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        });
    }

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DatabaseUnavailableException(DisplayName, Explain(ex), ex);
        }
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireMigrationLockAsync(DbConnection connection, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken) =>
        await PostgresAdvisoryLock.AcquireAsync((NpgsqlConnection)connection, DisplayName, timeout, waiting, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task PrepareMigrationSessionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>PostgreSQL enforces foreign keys as statements run; there is nothing left to check.</remarks>
    public Task VerifyIntegrityAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string>? tables, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    private string Explain(Exception ex)
    {
        var server = $"{_settings.Host}:{_settings.Port}";
        var user = _settings.Username ?? "(default user)";
        return ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"the server refused the password for user '{user}'. Check the password (percent-encode special characters in a URL).",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"the database '{DatabaseName}' does not exist on {server}. Create it first: createdb -h {_settings.Host} -p {_settings.Port} -U {user} {DatabaseName}  (or CREATE DATABASE \"{DatabaseName}\";)",
            PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } pg =>
                $"the server does not let user '{user}' connect ({pg.MessageText}). Check the user name and the server's pg_hba.conf.",
            PostgresException pg => $"{pg.MessageText} [SQLSTATE {pg.SqlState}]",
            _ when Unwrap<SocketException>(ex) is { } socket =>
                $"cannot reach a PostgreSQL server at {server} ({socket.SocketErrorCode}). Is it running and listening there?",
            TimeoutException or NpgsqlException { InnerException: TimeoutException } =>
                $"no answer from {server} within {_settings.Timeout} s. Is the host right and the port open?",
            _ => ex.Message,
        };
    }

    private static T? Unwrap<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is T found)
                return found;
        return null;
    }
}
