using TimeTracker.Database;
using Waymark.Execution;
using Waymark.Revisions;

namespace TimeTracker.Hosting;

/// <summary>Where the database's version record is, against the head of the chain this build carries.</summary>
internal sealed class SchemaStatus(AppDatabase database)
{
    private readonly RevisionGraph _graph = TimeTrackerDatabase.LoadGraph();

    /// <summary>The heads of this build's chain.</summary>
    public IReadOnlyList<string> Heads => _graph.Heads;

    /// <summary>The recorded revisions (empty for a new database).</summary>
    public Task<IReadOnlyList<string>> CurrentAsync(CancellationToken cancellationToken) =>
        new Migrator(_graph, database.Provider).GetCurrentAsync(cancellationToken);

    /// <summary>Whether <paramref name="current"/> is exactly the head.</summary>
    public bool IsAtHead(IReadOnlyList<string> current) => current.ToHashSet(StringComparer.Ordinal).SetEquals(_graph.Heads);

    /// <summary>How a version record reads in messages: its revisions, or base when there is none.</summary>
    public static string Describe(IReadOnlyList<string> current) => current.Count == 0 ? "base (no version record)" : string.Join(", ", current);

    /// <summary>Upgrades to head under the migration lock (<c>serve --migrate</c>); returns the revisions applied.</summary>
    public async Task<int> UpgradeAsync(Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken)
    {
        var result = await new Migrator(_graph, database.Provider, logger: logger).UpgradeAsync("heads", cancellationToken);
        return result.Steps.Count;
    }
}
