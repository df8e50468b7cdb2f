using Waymark.Configuration;
using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

public sealed class JournalModeTests : IDisposable
{
    private readonly TempDatabase _db = new();

    private static RevisionGraph OneTable() =>
        Graph(Rev("r1", null, m => m.CreateTable("things", t => { t.Id(); t.Text("name"); }), m => m.DropTable("things")));

    [Fact]
    public async Task By_default_a_migration_run_leaves_the_database_in_its_own_journal_mode()
    {
        await new Migrator(OneTable(), new SqliteDatabaseProvider(_db.ConnectionString), TempDatabase.Options).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["delete"], _db.Rows("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task A_configured_journal_mode_is_set_by_the_migration_run_and_stays_with_the_file()
    {
        await new Migrator(OneTable(), new SqliteDatabaseProvider(_db.ConnectionString, "WAL"), TempDatabase.Options).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["wal"], _db.Rows("PRAGMA journal_mode"));
        Assert.Equal(["r1"], _db.VersionRows());
    }

    [Fact]
    public async Task The_url_option_overrides_the_factory_default()
    {
        var factory = new SqliteProviderFactory(defaultJournalMode: "wal");
        var provider = factory.TryCreate(DatabaseUrl.Parse($"sqlite:///{_db.FilePath}?journal_mode=delete"))!;

        await new Migrator(OneTable(), provider, TempDatabase.Options).UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["delete"], _db.Rows("PRAGMA journal_mode"));
    }

    [Theory]
    [InlineData("sqlite:///app.db?journal_mode=fast")]
    [InlineData("sqlite:///app.db?cache=shared")]
    public void An_unknown_url_option_or_journal_mode_is_refused_with_the_supported_values(string url)
    {
        var error = Assert.Throws<InvalidDatabaseUrlException>(() => new SqliteProviderFactory().TryCreate(DatabaseUrl.Parse(url)));

        Assert.Contains("wal", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
