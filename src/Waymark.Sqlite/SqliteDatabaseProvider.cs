using System.Data.Common;
using Microsoft.Data.Sqlite;
using Waymark.Dialects;
using Waymark.Execution;

namespace Waymark.Sqlite;

/// <summary>A SQLite database file (or an in-memory database) for the engine.</summary>
public sealed class SqliteDatabaseProvider : IDatabaseProvider
{
    private const int SqliteNotADatabase = 26;
    private const int SqliteCantOpen = 14;
    private const int SqliteReadOnly = 8;

    private static readonly HashSet<string> JournalModes = new(StringComparer.OrdinalIgnoreCase) { "wal", "delete", "truncate", "persist" };

    private readonly string _connectionString;
    private readonly string? _filePath;
    private readonly string? _journalMode;

    /// <summary>Creates a provider for an ADO.NET connection string of Microsoft.Data.Sqlite.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="journalMode">
    /// The journal mode a migration run sets (<c>wal</c>, <c>delete</c>, <c>truncate</c>, <c>persist</c>), or null
    /// to leave the database's own. WAL persists in the file and makes each migration's commit several times
    /// cheaper; the library never chooses it for an application.
    /// </param>
    public SqliteDatabaseProvider(string connectionString, string? journalMode = null)
    {
        if (journalMode is not null && !JournalModes.Contains(journalMode))
            throw new Configuration.InvalidDatabaseUrlException(
                connectionString, $"the journal mode '{journalMode}' is not one of wal, delete, truncate, persist");
        _journalMode = journalMode?.ToLowerInvariant();
        var builder = new SqliteConnectionStringBuilder(connectionString);
        _connectionString = builder.ConnectionString;
        var source = builder.DataSource;
        var inMemory = builder.Mode == SqliteOpenMode.Memory || source.Length == 0 || source == ":memory:";
        _filePath = inMemory ? null : Path.GetFullPath(source);
        DisplayName = inMemory ? "sqlite (in memory)" : $"sqlite:///{_filePath}";
    }

    /// <inheritdoc />
    public ISqlDialect Dialect { get; } = new SqliteDialect();

    /// <inheritdoc />
    public ISchemaReader SchemaReader { get; } = new SqliteSchemaReader();

    /// <inheritdoc />
    public Linting.ILintProbe LintProbe { get; } = new SqliteLintProbe();

    /// <inheritdoc />
    public string DisplayName { get; }

    /// <summary>The connection string used to open the database.</summary>
    public string ConnectionString => _connectionString;

    /// <inheritdoc />
    public Task<bool> ExistsAsync(CancellationToken cancellationToken) => Task.FromResult(_filePath is null || File.Exists(_filePath));

    /// <inheritdoc />
    public Task<ScratchDatabase> CreateScratchDatabaseAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"waymark-scratch-{Guid.NewGuid():N}.db");
        var scratch = new SqliteDatabaseProvider($"Data Source={path};Pooling=False", "wal");
        return Task.FromResult(new ScratchDatabase(scratch, () =>
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal", path + ".waymark-lock" })
                File.Delete(file);
            return ValueTask.CompletedTask;
        }));
    }

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_filePath is not null && Path.GetDirectoryName(_filePath) is { } directory && !Directory.Exists(directory))
            throw new DatabaseUnavailableException(
                DisplayName, $"the directory {directory} does not exist. Create it, or point --database at an existing directory.");
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // SQLite opens files lazily: reading the schema is what finds out that a file is no database.
            await using var probe = connection.CreateCommand();
            probe.CommandText = "SELECT count(*) FROM sqlite_master";
            await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new DatabaseUnavailableException(DisplayName, ex.SqliteErrorCode switch
            {
                SqliteNotADatabase => "the file is not a SQLite database. Check the path: Waymark will not write to a file it cannot read as SQLite.",
                SqliteCantOpen => "the file cannot be opened. Check that it exists (or that its directory is writable) and that you may read it.",
                SqliteReadOnly => "the database is read-only. Check the file's permissions and the connection's Mode.",
                _ => ex.Message,
            }, ex);
        }
    }

    /// <inheritdoc />
    public async Task<IAsyncDisposable> AcquireMigrationLockAsync(
        DbConnection connection, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken) =>
        _filePath is null
            ? NoLock.Instance
            : await SqliteFileLock.AcquireAsync(_filePath + ".waymark-lock", timeout, waiting, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task PrepareMigrationSessionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        IEnumerable<SqlStatement> setup = Dialect.SessionSetup;
        if (_journalMode is not null)
            setup = setup.Append(new SqlStatement($"PRAGMA journal_mode = {_journalMode}"));
        foreach (var statement in setup)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>SQLite locks the whole database, not tables, and does not say who holds it.</remarks>
    public Task<IReadOnlyList<LockHolder>> FindLockHoldersAsync(
        DbConnection connection, IReadOnlyCollection<string>? tables, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LockHolder>>([]);

    /// <inheritdoc />
    /// <remarks>SQLite builds an index whole or not at all.</remarks>
    public Task<bool> IsIndexInvalidAsync(
        DbConnection connection, string table, string index, CancellationToken cancellationToken) => Task.FromResult(false);

    /// <inheritdoc />
    public async Task VerifyIntegrityAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string>? tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (tables is { Count: 0 })
            return;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Checking only the touched tables and the tables that reference them keeps long chains linear;
        // pragma_foreign_key_check(name) checks one table's own foreign keys.
        command.CommandText = tables is null
            ? "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check GROUP BY 1, 2 ORDER BY 1, 2"
            : """
              WITH touched(name) AS (SELECT value FROM json_each(@tables)),
              checked(name) AS (
                  SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name COLLATE NOCASE IN (SELECT name FROM touched)
                  UNION
                  SELECT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                  WHERE m.type = 'table' AND f."table" COLLATE NOCASE IN (SELECT name FROM touched))
              SELECT c."table", c.parent, count(*) FROM checked, pragma_foreign_key_check(checked.name) c GROUP BY 1, 2 ORDER BY 1, 2
              """;
        if (tables is not null)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@tables";
            parameter.Value = "[" + string.Join(",", tables.Select(t => "\"" + System.Text.Json.JsonEncodedText.Encode(t) + "\"")) + "]";
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var problems = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            problems.Add($"{reader.GetInt64(2)} row(s) of {reader.GetString(0)} reference missing rows of {reader.GetString(1)}");
        if (problems.Count > 0)
            throw new IntegrityViolationException(string.Join("; ", problems));
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
