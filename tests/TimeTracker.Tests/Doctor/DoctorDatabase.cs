using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using TimeTracker.Tests.Cli;
using TimeTracker.Tests.Postgres;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// A database of either dialect for a doctor scenario: built for real (a SQLite file upgraded by the CLI, or a
/// fresh PostgreSQL database upgraded in process), edited with plain SQL, and read back to check what the
/// built <c>timetracker</c> left behind. The SQL the tests write runs unchanged on both.
/// </summary>
internal abstract class DoctorDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";

    private const string Bookkeeping = "'alembic_version', 'waymark_history'";

    /// <summary>The URL given to <c>--database</c>.</summary>
    public abstract string Url { get; }

    /// <summary>The tables (every one, bookkeeping included), sorted by name.</summary>
    protected abstract string TablesSql { get; }

    /// <summary>One text row per column, key and index of the user tables (not the bookkeeping ones).</summary>
    protected abstract string UserSchemaSql { get; }

    /// <summary>A database brought to <paramref name="revision"/> by real migrations.</summary>
    public static async Task<DoctorDatabase> AtAsync(string dialect, CliSandbox sandbox, string revision)
    {
        switch (dialect)
        {
            case Sqlite:
                return new SqliteDoctorDatabase(await sandbox.AddDatabaseAtAsync(revision));
            case Postgres:
                var database = await PostgresDatabase.CreateAsync();
                try
                {
                    await database.UpgradeAsync(revision);
                }
                catch
                {
                    await database.DisposeAsync();
                    throw;
                }
                return new PostgresDoctorDatabase(database);
            default:
                throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "sqlite or postgresql");
        }
    }

    /// <summary>A fresh PostgreSQL database made by plain SQL (no migration ran on it).</summary>
    public static async Task<DoctorDatabase> PostgresFromSqlAsync(string sql)
    {
        var database = await PostgresDatabase.CreateAsync();
        try
        {
            await database.ExecuteAsync(sql);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
        return new PostgresDoctorDatabase(database);
    }

    /// <summary>The seed's case: the schema of 018 (its tables made), the version record still saying 017, no history of 018.</summary>
    public static async Task<DoctorDatabase> RecordedBehindAsync(string dialect, CliSandbox sandbox)
    {
        var db = await AtAsync(dialect, sandbox, "018");
        await db.ExecuteAsync("UPDATE alembic_version SET version_num = '017'; DELETE FROM waymark_history WHERE revision = '018'");
        return db;
    }

    /// <summary>
    /// Applies a script file with the database's own client exactly as the README tells users to apply offline
    /// scripts: <c>sqlite3 DB &lt; FILE</c>, <c>psql -f FILE URL</c>.
    /// </summary>
    public abstract Task<ProcessResult> ApplyWithClientAsync(string scriptPath, string workingDirectory);

    /// <summary>Runs <c>timetracker db ARGS --database URL</c> in the sandbox.</summary>
    public Task<ProcessResult> RunAsync(CliSandbox sandbox, params string[] args) => sandbox.RunAsync(["db", .. args, "--database", Url]);

    public async Task ExecuteAsync(string sql)
    {
        var connection = await OpenAsync();
        await using (connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The first column of every row, as text (null for NULL).</summary>
    public async Task<IReadOnlyList<string?>> ColumnAsync(string sql) => [.. (await RowsAsync(sql)).Select(r => r[0])];

    /// <summary>Every table, sorted (ordinal).</summary>
    public async Task<IReadOnlyList<string>> TablesAsync() =>
        [.. (await ColumnAsync(TablesSql)).Select(t => t ?? "").Order(StringComparer.Ordinal)];

    /// <summary>The rows of alembic_version, sorted; null when there is no such table.</summary>
    public async Task<IReadOnlyList<string>?> VersionsAsync() =>
        (await TablesAsync()).Contains("alembic_version")
            ? [.. (await ColumnAsync("SELECT version_num FROM alembic_version")).Select(v => v ?? "(null)").Order(StringComparer.Ordinal)]
            : null;

    /// <summary>waymark_history as "revision direction from" lines in order ("-" for null or empty); empty when there is no such table.</summary>
    public async Task<IReadOnlyList<string>> HistoryAsync() =>
        (await TablesAsync()).Contains("waymark_history")
            ? [.. (await ColumnAsync("SELECT coalesce(revision, '-') || ' ' || direction || ' ' || coalesce(nullif(from_versions, ''), '-') FROM waymark_history ORDER BY id")).Select(v => v ?? "")]
            : [];

    /// <summary>The user tables' definitions and every row of them (not the version and history tables).</summary>
    public async Task<string> UserStateAsync()
    {
        var text = new StringBuilder();
        foreach (var line in await ColumnAsync(UserSchemaSql))
            text.Append(line).Append('\n');
        foreach (var table in (await TablesAsync()).Where(t => t is not ("alembic_version" or "waymark_history")))
        {
            text.Append(CultureInfo.InvariantCulture, $"-- {table}\n");
            var rows = (await RowsAsync($"SELECT * FROM \"{table}\"")).Select(r => string.Join(" | ", r.Select(v => v ?? "NULL"))).Order(StringComparer.Ordinal);
            foreach (var row in rows)
                text.Append(row).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Everything: the user tables and rows, the version rows and every column of every history row.</summary>
    public async Task<string> StateAsync()
    {
        var text = new StringBuilder(await UserStateAsync());
        var tables = await TablesAsync();
        text.Append("-- alembic_version: ").AppendJoin(", ", await VersionsAsync() ?? ["(no table)"]).Append('\n');
        if (tables.Contains("waymark_history"))
            foreach (var row in await RowsAsync("SELECT * FROM waymark_history ORDER BY id"))
                text.AppendJoin(" | ", row.Select(v => v ?? "NULL")).Append('\n');
        else
            text.Append("-- waymark_history: (no table)\n");
        return text.ToString();
    }

    public abstract ValueTask DisposeAsync();

    protected abstract Task<DbConnection> OpenAsync();

    private async Task<List<string?[]>> RowsAsync(string sql)
    {
        var connection = await OpenAsync();
        await using (connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string?[]>();
            while (await reader.ReadAsync())
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                    row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                rows.Add(row);
            }
            return rows;
        }
    }

    private sealed class SqliteDoctorDatabase(string path) : DoctorDatabase
    {
        public override string Url => "sqlite:///" + path;

        protected override string TablesSql => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";

        protected override string UserSchemaSql =>
            $"SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE tbl_name NOT IN ({Bookkeeping}) ORDER BY type, name";

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public override async Task<ProcessResult> ApplyWithClientAsync(string scriptPath, string workingDirectory) =>
            await ExternalProcess.RunAsync("/usr/bin/sqlite3", [path], workingDirectory, standardInput: await File.ReadAllTextAsync(scriptPath));

        protected override async Task<DbConnection> OpenAsync()
        {
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            await connection.OpenAsync();
            return connection;
        }
    }

    private sealed class PostgresDoctorDatabase(PostgresDatabase database) : DoctorDatabase
    {
        public override string Url => database.Url;

        protected override string TablesSql => "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'";

        protected override string UserSchemaSql => $"""
            SELECT line FROM (
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(character_maximum_length::text, '') || ' '
                       || is_nullable || ' ' || coalesce(column_default, '') || ' ' || is_identity AS line
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT IN ({Bookkeeping})
                UNION ALL
                SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ({Bookkeeping})
                UNION ALL
                SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT IN ({Bookkeeping})
            ) AS schema ORDER BY line COLLATE "C"
            """;

        public override ValueTask DisposeAsync() => database.DisposeAsync();

        public override Task<ProcessResult> ApplyWithClientAsync(string scriptPath, string workingDirectory) =>
            ExternalProcess.RunAsync(Psql.Path, ["-f", scriptPath, database.Url], workingDirectory);

        protected override async Task<DbConnection> OpenAsync() => await database.OpenAsync();
    }
}
