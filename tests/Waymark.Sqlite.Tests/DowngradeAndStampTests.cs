using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

public sealed class SqliteDowngradeAndStampTests : DowngradeAndStampScenarios
{
    private TempDatabase Temp => (TempDatabase)Db;

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();

    [Fact]
    public async Task Reading_the_current_revision_of_a_missing_file_returns_nothing_and_creates_no_file()
    {
        var current = await Temp.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None);

        Assert.Empty(current);
        Assert.False(Temp.Exists);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Temp.DirectoryPath));
    }

    [Fact]
    public async Task Reading_the_current_revision_of_a_file_without_a_version_table_returns_nothing_and_changes_nothing()
    {
        Temp.Execute("CREATE TABLE other (id INTEGER PRIMARY KEY)");
        var before = await File.ReadAllBytesAsync(Temp.FilePath);

        var current = await Temp.Migrator(Revisions()).GetCurrentAsync(CancellationToken.None);

        Assert.Empty(current);
        Assert.False(Temp.TableExists("alembic_version"));
        Assert.Equal(before, await File.ReadAllBytesAsync(Temp.FilePath));
    }
}
