using System.Collections.Concurrent;
using Waymark.Schema;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// One walk up the chain per dialect and test run, from an empty database, one <c>upgrade REV</c> run per
/// revision: the schema a fresh upgrade gives at every revision, and a copy of the database at each one
/// (a file copy, or CREATE DATABASE … TEMPLATE), handed to the one test that starts from there.
/// </summary>
public static class ChainWalk
{
    private static readonly ConcurrentDictionary<ChainDialect, Lazy<Task<Walk>>> Walks = new();

    static ChainWalk() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveUnusedSqliteCopies();

    /// <summary>The user tables' schema after upgrading an empty database to <paramref name="revision"/> (or "base").</summary>
    public static async Task<SchemaSnapshot> SchemaAtAsync(ChainDialect dialect, string revision) => (await WalkAsync(dialect)).Schemas[revision];

    /// <summary>A database upgraded to <paramref name="revision"/> (or "base") for the caller alone, who disposes it.</summary>
    public static async Task<ChainDatabase> DatabaseAtAsync(ChainDialect dialect, string revision)
    {
        if (revision != "base" && (await WalkAsync(dialect)).Databases.TryRemove(revision, out var kept))
            return kept;
        // Asked twice for one revision: walk there again.
        var database = await ChainDatabase.CreateAsync(dialect);
        if (revision != "base")
            await database.Migrator.UpgradeAsync(revision, CancellationToken.None);
        return database;
    }

    private static Task<Walk> WalkAsync(ChainDialect dialect) =>
        Walks.GetOrAdd(dialect, d => new Lazy<Task<Walk>>(() => WalkUpAsync(d))).Value;

    private static async Task<Walk> WalkUpAsync(ChainDialect dialect)
    {
        var walk = new Walk([], new(StringComparer.Ordinal));
        await using var database = await ChainDatabase.CreateAsync(dialect);
        walk.Schemas["base"] = await database.SchemaAsync();
        // A round trip to R starts from R's down-revision: the head needs no copy.
        var startingPoints = database.Graph.Revisions.SelectMany(r => r.DownRevisions).ToHashSet(StringComparer.Ordinal);
        foreach (var revision in database.Graph.Revisions)
        {
            await database.Migrator.UpgradeAsync(revision.Id, CancellationToken.None);
            walk.Schemas[revision.Id] = await database.SchemaAsync();
            if (startingPoints.Contains(revision.Id))
                walk.Databases[revision.Id] = await database.CopyAsync();
        }
        return walk;
    }

    // Copies no test took (a filtered run): PostgreSQL's stay in the run's throwaway cluster; files go here.
    private static void RemoveUnusedSqliteCopies()
    {
        if (!Walks.TryGetValue(ChainDialect.Sqlite, out var walk) || !walk.IsValueCreated || !walk.Value.IsCompletedSuccessfully)
            return;
        foreach (var database in walk.Value.Result.Databases.Values)
        {
            try
            {
                database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (IOException)
            {
                // A leftover temporary file is not worth failing the run over.
            }
        }
    }

    private sealed record Walk(Dictionary<string, SchemaSnapshot> Schemas, ConcurrentDictionary<string, ChainDatabase> Databases);
}
