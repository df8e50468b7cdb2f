using Waymark.Revisions;
using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

/// <summary>Runs on one file are serialised by an exclusive lock on the file beside it, app.db.waymark-lock.</summary>
public sealed class SqliteConcurrencyTests : ConcurrencyScenarios
{
    private TempDatabase Temp => (TempDatabase)Db;

    protected override string RunningHolderDescriptionPart => "another migration run on this machine holds ";

    protected override string LockNamePart => Temp.FilePath + ".waymark-lock";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();

    // Slow enough that the runs overlap: many rows, which k3's rebuild then copies.
    protected override Revision InsertManyEvents() => Rev("k2", "k1", m => m.Sql(
        "WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 20000) " +
        "INSERT INTO events (n, payload) SELECT i, hex(randomblob(32)) FROM seq"));

    protected override Task<IAsyncDisposable?> TryHoldLockAsync()
    {
        try
        {
            return Task.FromResult<IAsyncDisposable?>(
                new FileStream(Temp.FilePath + ".waymark-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return Task.FromResult<IAsyncDisposable?>(null);
        }
    }
}
