using TimeTracker.Database;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Chain;

/// <summary>
/// For every revision R of the chain, on SQLite and on PostgreSQL: upgrading to R and downgrading one step
/// gives the schema of a fresh upgrade to R-1, and the rows that were there survive both ways.
/// </summary>
public sealed class ChainRoundTripTests
{
    // Data migrations that add rows of their own (023 creates the organizations existing rows move to; 028 each
    // project's rate from the beginning);
    // every other revision leaves each table with exactly the rows it had.
    private static readonly HashSet<string> RevisionsAddingRows = ["023", "028"];

    public static TheoryData<ChainDialect, string> Revisions()
    {
        var data = new TheoryData<ChainDialect, string>();
        foreach (var dialect in Enum.GetValues<ChainDialect>())
            foreach (var revision in TimeTrackerDatabase.LoadGraph().Revisions)
                data.Add(dialect, revision.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Upgrade_to_a_revision_then_downgrade_one_step_restores_the_previous_schema_and_every_row(ChainDialect dialect, string revision)
    {
        var previous = TimeTrackerDatabase.LoadGraph().Get(revision).DownRevisions.SingleOrDefault() ?? "base";
        var expectedSchema = await ChainWalk.SchemaAtAsync(dialect, previous);
        await using var database = await ChainWalk.DatabaseAtAsync(dialect, previous);
        Assert.Equal(previous == "base" ? [] : [previous], await database.Migrator.GetCurrentAsync(CancellationToken.None));

        var before = await database.SchemaAsync();
        Assert.Equal(expectedSchema, before);
        var rowsBefore = new Dictionary<string, IReadOnlyList<IReadOnlyDictionary<string, string>>>();
        await using (var connection = await database.OpenAsync())
        {
            await SampleRows.InsertAsync(connection, before);
            foreach (var table in before.Tables)
            {
                rowsBefore[table.Name] = await SampleRows.ReadAsync(connection, table);
                // Two sample rows each; from 031 on, the totals tables also hold what the triggers add for the sample entries.
                if (table.Name.StartsWith("report_", StringComparison.Ordinal))
                    Assert.True(rowsBefore[table.Name].Count >= 2, $"{table.Name} holds {rowsBefore[table.Name].Count} rows");
                else
                    Assert.Equal(2, rowsBefore[table.Name].Count);
            }
        }

        await database.Migrator.UpgradeAsync(revision, CancellationToken.None);
        Assert.Equal([revision], await database.Migrator.GetCurrentAsync(CancellationToken.None));
        var upgraded = await database.SchemaAsync();
        await using (var connection = await database.OpenAsync())
        {
            foreach (var table in before.Tables.Where(t => upgraded.FindTable(t.Name) is not null))
            {
                var after = upgraded.GetTable(table.Name);
                var kept = table.Columns.Select(c => c.Name).Where(c => after.FindColumn(c) is not null).ToList();
                var rowsAfter = Survivors(revision, table, rowsBefore[table.Name], await SampleRows.ReadAsync(connection, after));
                Assert.Equal(SampleRows.Format(rowsBefore[table.Name], kept), SampleRows.Format(rowsAfter, kept));
            }
        }

        await database.Migrator.DowngradeAsync("-1", CancellationToken.None);
        Assert.Equal(previous == "base" ? [] : [previous], await database.Migrator.GetCurrentAsync(CancellationToken.None));
        var downgraded = await database.SchemaAsync();
        Assert.Equal(expectedSchema.ToString(), downgraded.ToString());
        Assert.Equal(expectedSchema, downgraded);
        await using (var connection = await database.OpenAsync())
        {
            foreach (var table in before.Tables)
            {
                var columns = table.Columns.Select(c => c.Name).ToList();
                var rowsAfter = Survivors(revision, table, rowsBefore[table.Name], await SampleRows.ReadAsync(connection, table));
                Assert.Equal(SampleRows.Format(rowsBefore[table.Name], columns), SampleRows.Format(rowsAfter, columns));
            }
        }
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Downgrade_to_base_leaves_only_the_version_and_history_tables_and_upgrade_rebuilds_the_same_schema(ChainDialect dialect)
    {
        await using var database = await ChainDatabase.CreateAsync(dialect);
        await database.Migrator.UpgradeAsync("head", CancellationToken.None);
        var atHead = await database.SchemaAsync();
        // One run up to head gives what one run per revision gives (the schemas the round trips expect).
        Assert.Equal([ExpectedChain.Head], await database.Migrator.GetCurrentAsync(CancellationToken.None));
        Assert.Equal((await ChainWalk.SchemaAtAsync(dialect, ExpectedChain.Head)).ToString(), atHead.ToString());

        await database.Migrator.DowngradeAsync("base", CancellationToken.None);
        Assert.Empty((await database.SchemaAsync()).Tables);
        Assert.Empty(await database.Migrator.GetCurrentAsync(CancellationToken.None));

        await database.Migrator.UpgradeAsync("head", CancellationToken.None);
        Assert.Equal(atHead.ToString(), (await database.SchemaAsync()).ToString());
        Assert.Equal(atHead, await database.SchemaAsync());
    }

    /// <summary>
    /// The rows of <paramref name="after"/> whose primary key was among <paramref name="before"/>'s: all of them,
    /// checked, unless <paramref name="revision"/> is one that adds rows.
    /// </summary>
    private static IReadOnlyList<IReadOnlyDictionary<string, string>> Survivors(string revision, Waymark.Schema.TableDefinition table,
        IReadOnlyList<IReadOnlyDictionary<string, string>> before, IReadOnlyList<IReadOnlyDictionary<string, string>> after)
    {
        if (!RevisionsAddingRows.Contains(revision))
        {
            Assert.Equal(before.Count, after.Count);
            return after;
        }
        var key = table.PrimaryKey!.Columns;
        var keys = before.Select(r => string.Join("|", key.Select(c => r[c]))).ToHashSet();
        return [.. after.Where(r => keys.Contains(string.Join("|", key.Select(c => r[c]))))];
    }
}
