using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

public sealed class ProviderErrorTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

    private static Revision[] Revisions() =>
    [
        Rev("r1", null, m => m.CreateTable("users", t =>
        {
            t.Id();
            t.String("name", 100);
        })),
        Rev("r2", "r1", m => m.DropColumn("users", "name")),
    ];

    private async Task<byte[]> WriteGarbageAsync()
    {
        var bytes = new byte[8192];
        new Random(42).NextBytes(bytes);
        await File.WriteAllBytesAsync(_db.FilePath, bytes);
        return bytes;
    }

    [Fact]
    public async Task Upgrading_a_file_that_is_not_sqlite_says_so_and_leaves_the_file_untouched()
    {
        var bytes = await WriteGarbageAsync();

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None));

        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
        Assert.Contains(_db.FilePath, error.Message, StringComparison.Ordinal);
        Assert.Equal($"sqlite:///{_db.FilePath}", error.Database);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_db.FilePath));
        Assert.Equal([_db.FilePath], Directory.GetFiles(_db.DirectoryPath));
    }

    [Fact]
    public async Task Reading_or_stamping_a_file_that_is_not_sqlite_fails_the_same_way_and_writes_nothing()
    {
        var bytes = await WriteGarbageAsync();
        var migrator = _db.Migrator(Revisions());

        var current = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.GetCurrentAsync(CancellationToken.None));
        var stamp = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.StampAsync("head", CancellationToken.None));

        Assert.Contains("not a SQLite database", current.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", stamp.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_db.FilePath));
    }

    [Fact]
    public async Task Upgrading_through_a_read_only_connection_fails_with_a_clear_error_and_changes_nothing()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);
        _db.Execute("INSERT INTO users (name) VALUES ('ann')");
        var before = await File.ReadAllBytesAsync(_db.FilePath);

        var error = await Assert.ThrowsAnyAsync<WaymarkException>(() =>
            _db.Migrator(new RevisionGraph(Revisions()), ";Mode=ReadOnly").UpgradeAsync("head", CancellationToken.None));

        // Today this surfaces as the first write of the migration failing (SQLITE_READONLY), rolled back.
        Assert.Matches("(?i)read-?only", error.Message);
        Assert.Contains("r2", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_db.FilePath));
        Assert.Equal(["r1"], _db.VersionRows());
        Assert.Equal(["1|ann"], _db.Rows("SELECT id, name FROM users"));
    }

    [Fact]
    public async Task Upgrading_a_database_without_version_table_through_a_read_only_connection_fails_with_a_clear_error()
    {
        _db.Execute("CREATE TABLE other (id INTEGER PRIMARY KEY)");
        var before = await File.ReadAllBytesAsync(_db.FilePath);

        var error = await Assert.ThrowsAnyAsync<WaymarkException>(() =>
            _db.Migrator(new RevisionGraph(Revisions()), ";Mode=ReadOnly").UpgradeAsync("head", CancellationToken.None));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(_db.FilePath));
    }

    [Fact]
    public async Task Stamping_through_a_read_only_connection_fails_with_a_clear_error()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("r1", CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<WaymarkException>(() =>
            _db.Migrator(new RevisionGraph(Revisions()), ";Mode=ReadOnly").StampAsync("r2", CancellationToken.None));

        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(["r1"], _db.VersionRows());
    }

    [Fact]
    public async Task A_read_only_connection_can_read_the_current_revision_and_upgrade_when_nothing_is_pending()
    {
        await _db.Migrator(Revisions()).UpgradeAsync("head", CancellationToken.None);
        var before = await File.ReadAllBytesAsync(_db.FilePath);
        var readOnly = _db.Migrator(new RevisionGraph(Revisions()), ";Mode=ReadOnly");

        Assert.Equal(["r2"], await readOnly.GetCurrentAsync(CancellationToken.None));
        var result = await readOnly.UpgradeAsync("head", CancellationToken.None);

        Assert.Empty(result.Steps);
        Assert.Equal(before, await File.ReadAllBytesAsync(_db.FilePath));
    }

    [Fact]
    public async Task A_read_only_connection_to_a_missing_file_cannot_open_it_and_creates_nothing()
    {
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            _db.Migrator(new RevisionGraph(Revisions()), ";Mode=ReadOnly").UpgradeAsync("head", CancellationToken.None));

        Assert.Contains("cannot be opened", error.Message, StringComparison.Ordinal);
        Assert.False(_db.Exists);
    }

    [Fact]
    public async Task A_database_in_a_missing_directory_is_unavailable_and_the_directory_is_not_created()
    {
        var directory = Path.Combine(_db.DirectoryPath, "missing", "deeper");
        var provider = new SqliteDatabaseProvider($"Data Source={Path.Combine(directory, "app.db")};Pooling=False");
        var migrator = new Migrator(new RevisionGraph(Revisions()), provider, TempDatabase.Options);

        var upgrade = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.UpgradeAsync("head", CancellationToken.None));
        var stamp = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.StampAsync("head", CancellationToken.None));

        Assert.Contains(directory, upgrade.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", upgrade.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", stamp.Message, StringComparison.Ordinal);
        Assert.Empty(await migrator.GetCurrentAsync(CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(_db.DirectoryPath, "missing")));
    }
}
