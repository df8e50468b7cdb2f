using TimeTracker.Database;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// For every revision R of the chain: upgrading to R and downgrading one step gives the schema of a fresh
/// upgrade to R-1, and the rows that were there survive both ways.
/// </summary>
public sealed class ChainRoundTripTests
{
    public static TheoryData<string> Revisions()
    {
        var data = new TheoryData<string>();
        foreach (var revision in TimeTrackerDatabase.LoadGraph().Revisions)
            data.Add(revision.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Upgrade_to_a_revision_then_downgrade_one_step_restores_the_previous_schema_and_every_row(string revision)
    {
        using var database = new ChainDatabase();
        var previous = database.Graph.Get(revision).DownRevisions.SingleOrDefault() ?? "base";
        using var fresh = new ChainDatabase();
        await fresh.Migrator.UpgradeAsync(previous, CancellationToken.None);
        var expectedSchema = await fresh.SchemaAsync();

        await database.Migrator.UpgradeAsync(previous, CancellationToken.None);
        var before = await database.SchemaAsync();
        Dictionary<string, string> rowsBefore;
        using (var connection = database.Open())
        {
            SampleRows.Insert(connection, before);
            rowsBefore = before.Tables.ToDictionary(t => t.Name, t => SampleRows.Dump(connection, t.Name, t.Columns.Select(c => c.Name)));
        }

        var snapshotFile = database.Path + ".before";
        File.Copy(database.Path, snapshotFile);
        await database.Migrator.UpgradeAsync(revision, CancellationToken.None);
        Assert.Equal([revision], await database.Migrator.GetCurrentAsync(CancellationToken.None));
        var upgraded = await database.SchemaAsync();
        using (var connection = database.Open())
        using (var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={snapshotFile};Pooling=False"))
        {
            copy.Open();
            foreach (var table in before.Tables.Where(t => upgraded.FindTable(t.Name) is not null))
            {
                var kept = table.Columns.Select(c => c.Name).Where(c => upgraded.GetTable(table.Name).FindColumn(c) is not null).ToList();
                Assert.Equal(SampleRows.Dump(copy, table.Name, kept), SampleRows.Dump(connection, table.Name, kept));
            }
        }

        await database.Migrator.DowngradeAsync("-1", CancellationToken.None);
        Assert.Equal(previous == "base" ? [] : [previous], await database.Migrator.GetCurrentAsync(CancellationToken.None));
        Assert.Equal(expectedSchema.ToString(), (await database.SchemaAsync()).ToString());
        Assert.Equal(expectedSchema, await database.SchemaAsync());
        using (var connection = database.Open())
        {
            foreach (var table in before.Tables)
                Assert.Equal(rowsBefore[table.Name], SampleRows.Dump(connection, table.Name, table.Columns.Select(c => c.Name)));
        }
    }

    [Fact]
    public async Task Downgrade_to_base_leaves_only_the_version_and_history_tables_and_upgrade_rebuilds_the_same_schema()
    {
        using var database = new ChainDatabase();
        await database.Migrator.UpgradeAsync("head", CancellationToken.None);
        var atHead = await database.SchemaAsync();

        await database.Migrator.DowngradeAsync("base", CancellationToken.None);
        Assert.Empty((await database.SchemaAsync()).Tables);
        Assert.Empty(await database.Migrator.GetCurrentAsync(CancellationToken.None));

        await database.Migrator.UpgradeAsync("head", CancellationToken.None);
        Assert.Equal(atHead.ToString(), (await database.SchemaAsync()).ToString());
    }
}
