using System.Globalization;
using System.Text;
using Npgsql;
using TimeTracker.Database;
using Waymark.Execution;
using Waymark.Postgres;
using Waymark.Schema;
using Waymark.Testing;

namespace TimeTracker.Tests.Postgres;

/// <summary>
/// A fresh database on the test run's PostgreSQL server (<see cref="PostgresServer"/>), reached as the
/// superuser without pooling (so nothing stays connected between calls); dropped on dispose.
/// </summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    public static readonly string[] BookkeepingTables = ["alembic_version", "waymark_history"];

    private PostgresDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        Name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    public string Name { get; }

    /// <summary>A superuser Npgsql connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>The superuser's <c>postgresql://</c> URL, as the CLI takes it.</summary>
    public string Url => PostgresServer.Instance.UrlFor(Name);

    public static async Task<PostgresDatabase> CreateAsync() => new(await PostgresServer.Instance.CreateDatabaseAsync("tt"));

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row, as text (null for NULL).</summary>
    public async Task<IReadOnlyList<string?>> ColumnAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string?>();
        while (await reader.ReadAsync())
            values.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture));
        return values;
    }

    public async Task<long> CountAsync(string sql) =>
        long.Parse((await ColumnAsync(sql)).Single()!, CultureInfo.InvariantCulture);

    /// <summary>The rows of alembic_version, sorted.</summary>
    public async Task<IReadOnlyList<string>> VersionsAsync() =>
        [.. (await ColumnAsync("SELECT version_num FROM alembic_version ORDER BY version_num")).Select(v => v ?? "")];

    /// <summary>The tables of the public schema, sorted.</summary>
    public async Task<IReadOnlyList<string>> TablesAsync() =>
        [.. (await ColumnAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).Select(v => v ?? "")];

    /// <summary>The schema as Waymark reads it, without the version and history tables.</summary>
    public async Task<SchemaSnapshot> UserSchemaAsync() => (await SchemaAsync()).Without(BookkeepingTables);

    /// <summary>The schema as Waymark reads it, every table.</summary>
    public async Task<SchemaSnapshot> SchemaAsync()
    {
        await using var connection = await OpenAsync();
        return await new PostgresSchemaReader().ReadAsync(connection, null, CancellationToken.None);
    }

    /// <summary>
    /// Everything a failed command must leave as it was, as text: every table's definition and row count,
    /// the version rows, and the history rows (all but the tables named in <paramref name="except"/>).
    /// </summary>
    public async Task<string> StateAsync(params string[] except)
    {
        var schema = (await SchemaAsync()).Without(except);
        var text = new StringBuilder(schema.ToString()).Append('\n');
        foreach (var table in schema.Tables)
            text.Append(CultureInfo.InvariantCulture, $"{table.Name}: {await CountAsync($"SELECT count(*) FROM \"{table.Name}\"")} rows\n");
        if (schema.FindTable("alembic_version")?.FindColumn("version_num") is not null)
            text.Append("alembic_version: ").AppendJoin(", ", await VersionsAsync()).Append('\n');
        if (schema.FindTable("waymark_history") is not null)
            text.AppendJoin('\n', await ColumnAsync("SELECT concat_ws(' ', id, revision, direction, from_versions, checksum) FROM waymark_history ORDER BY id"));
        return text.ToString();
    }

    /// <summary>Upgrades in this process (quicker than the CLI, for a test's starting point).</summary>
    public async Task UpgradeAsync(string revision)
    {
        var migrator = new Migrator(TimeTrackerDatabase.LoadGraph(), new PostgresDatabaseProvider(ConnectionString));
        await migrator.UpgradeAsync(revision, CancellationToken.None);
    }

    public async ValueTask DisposeAsync() =>
        await PostgresServer.Instance.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
}
