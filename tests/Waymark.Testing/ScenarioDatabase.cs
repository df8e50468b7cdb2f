using Microsoft.Extensions.Logging;
using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Testing;

/// <summary>
/// A fresh, empty database of one dialect, as the shared scenarios see it: a way to migrate it and to look
/// at it. Each dialect's test project gives one (a SQLite file, a PostgreSQL database).
/// </summary>
public abstract class ScenarioDatabase : IAsyncDisposable
{
    /// <summary>The options every test migrator uses: a known applied_by, a lock timeout that cannot hang a run.</summary>
    public static MigratorOptions Options { get; } = new()
    {
        AppliedBy = "tester@test-host",
        LockTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A connection string a migrator can use.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>A provider for this database.</summary>
    public abstract IDatabaseProvider NewProvider();

    public Migrator Migrator(params Revision[] revisions) => Migrator(new RevisionGraph(revisions));

    public Migrator Migrator(RevisionGraph graph, MigratorOptions? options = null, ILogger? logger = null) =>
        new(graph, NewProvider(), options ?? Options, logger);

    public abstract Task ExecuteAsync(string sql);

    /// <summary>Every row of a query, each value as text ("NULL" for null), columns joined with '|'.</summary>
    public abstract Task<List<string>> RowsAsync(string sql);

    public async Task<long> ScalarAsync(string sql) =>
        long.Parse((await RowsAsync(sql)).Single(), System.Globalization.CultureInfo.InvariantCulture);

    public Task<long> CountAsync(string table) => ScalarAsync($"SELECT count(*) FROM {table}");

    public Task<List<string>> VersionRowsAsync(string table = "alembic_version") =>
        RowsAsync($"SELECT version_num FROM {table} ORDER BY version_num");

    public abstract Task<bool> TableExistsAsync(string table);

    public abstract Task<bool> IndexExistsAsync(string index);

    /// <summary>The user tables, sorted (those of PostgreSQL's <c>public</c> schema without it, others schema-qualified).</summary>
    public abstract Task<List<string>> AllTablesAsync();

    public abstract Task<SchemaSnapshot> ReadSchemaAsync();

    public abstract Task<TableDefinition> ReadTableAsync(string table);

    public abstract ValueTask DisposeAsync();
}
