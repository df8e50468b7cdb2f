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
    public Linting.ILintProbe LintProbe { get; } = new PostgresLintProbe();

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
        var scratch = new PostgresDatabaseProvider(
            new NpgsqlConnectionStringBuilder(_connectionString) { Database = name, Pooling = false }.ConnectionString);
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
    public async Task<IAsyncDisposable> AcquireMigrationLockAsync(
        DbConnection connection, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken) =>
        await PostgresAdvisoryLock.AcquireAsync((NpgsqlConnection)connection, DisplayName, timeout, waiting, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task PrepareMigrationSessionAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>PostgreSQL enforces foreign keys as statements run; there is nothing left to check.</remarks>
    public Task VerifyIntegrityAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string>? tables, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>
    /// Read from <c>pg_locks</c> (granted relation locks of other sessions) and <c>pg_stat_activity</c> (who they are,
    /// what they run or last ran). With no tables named, any user table of the database counts.
    /// </remarks>
    public async Task<IReadOnlyList<LockHolder>> FindLockHoldersAsync(
        DbConnection connection, IReadOnlyCollection<string>? tables, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename, ''), coalesce(a.state, ''), coalesce(a.query, ''),
                   string_agg(DISTINCT l.relation::regclass::text, ', ')
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND CASE WHEN @tables::text[] IS NULL THEN l.relation >= 16384
                       ELSE l.relation IN (SELECT to_regclass(t) FROM unnest(@tables::text[]) t) END
            GROUP BY a.pid, a.application_name, a.usename, a.state, a.query
            ORDER BY a.pid
            """;
        await using var command = new NpgsqlCommand(sql, (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("tables", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text,
            tables is null ? DBNull.Value : tables.Select(Dialect.QuoteIdentifier).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var holders = new List<LockHolder>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var application = reader.GetString(1).Length > 0 ? $"{reader.GetString(1)}, " : "";
            holders.Add(new LockHolder(reader.GetInt32(0), $"{application}user {reader.GetString(2)}, {reader.GetString(3)}",
                reader.GetString(4).Trim(), reader.GetString(5).Split(", ")));
        }
        return holders;
    }

    /// <inheritdoc />
    public async Task<bool> IsIndexInvalidAsync(DbConnection connection, string table, string index, CancellationToken cancellationToken)
    {
        var qualified = (table.Contains('.', StringComparison.Ordinal) ? table[..(table.LastIndexOf('.') + 1)] : "") + index;
        await using var command = new NpgsqlCommand(
            "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(@index)", (NpgsqlConnection)connection);
        command.Parameters.AddWithValue("index", Dialect.QuoteIdentifier(qualified));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private string Explain(Exception ex)
    {
        var server = $"{_settings.Host}:{_settings.Port}";
        var user = _settings.Username ?? "(default user)";
        return ex switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } =>
                $"the server refused the password for user '{user}'. Check the password (percent-encode special characters in a URL).",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
                $"the database '{DatabaseName}' does not exist on {server}. Create it first: " +
                $"createdb -h {_settings.Host} -p {_settings.Port} -U {user} {DatabaseName}  (or CREATE DATABASE \"{DatabaseName}\";)",
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
