using System.Security.Cryptography;

namespace TimeTracker.Tests.Cli;

/// <summary>
/// Wrong input and broken databases: each gives exit code 2 (usage) or 1 (failure), says what is wrong on
/// stderr, and leaves the database as it was.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData("010", "No revision matches 'nope'", "upgrade", "nope")]
    [InlineData("010", "downgrade needs a target", "downgrade")]
    [InlineData(ExpectedChain.Head, "Cannot move to '+1': revision " + ExpectedChain.Head + " is a head", "upgrade", "+1")]
    [InlineData("010", "Cannot move to '012': 012 is not applied", "downgrade", "012")]
    [InlineData("010", "Cannot move to '005': it is below the current revision (010)", "upgrade", "005")]
    public async Task Usage_error_exits_2_with_a_message_and_leaves_the_database_unchanged(string at, string message, params string[] command)
    {
        var db = await _sandbox.AddDatabaseAtAsync(at);
        var before = await File.ReadAllBytesAsync(db);

        var result = await _sandbox.RunAsync(["db", .. command]);

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.Contains("error: " + message, result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Downgrade_minus_1_from_base_exits_2_and_leaves_the_database_unchanged()
    {
        // A database at base: the version table exists and is empty.
        var db = _sandbox.DatabasePath;
        SqliteFile.Execute(db, "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
        var before = await File.ReadAllBytesAsync(db);

        var result = await _sandbox.RunAsync("db", "downgrade", "-1");

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.Contains("error: Cannot move to '-1': base is below every revision", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Usage_errors_in_a_directory_without_a_database_create_no_database_file()
    {
        var downgrade = await _sandbox.RunAsync("db", "downgrade", "-1");
        var upgrade = await _sandbox.RunAsync("db", "upgrade", "nope");

        downgrade.ShouldExitWith(2);
        upgrade.ShouldExitWith(2);
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Unknown_command_exits_2_and_points_to_help()
    {
        var result = await _sandbox.RunAsync("db", "frobnicate");

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.Contains("'frobnicate'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("timetracker --help", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Version_record_naming_a_revision_no_script_defines_fails_explains_and_suggests_stamp()
    {
        var db = await _sandbox.AddDatabaseAtAsync("019");
        SqliteFile.Execute(db, "UPDATE alembic_version SET version_num = '0a1b2c3d4e5f'");
        var before = await File.ReadAllBytesAsync(db);

        var result = await _sandbox.RunAsync("db", "upgrade");

        result.ShouldExitWith(1);
        Assert.Equal("", result.StdOut);
        Assert.Contains("'0a1b2c3d4e5f'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("none of the migration scripts declares", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"their head is {ExpectedChain.Head}", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'db stamp <revision>'", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));

        // The suggested repair works.
        var stamp = await _sandbox.RunAsync("db", "stamp", "019");
        stamp.ShouldExitWith(0);
        Assert.Equal<string>(["019"], SqliteFile.Versions(db));
    }

    [Fact]
    public async Task Version_record_with_rows_017_and_018_while_the_scripts_have_one_head_fails_and_changes_nothing()
    {
        var db = await _sandbox.AddDatabaseAtAsync("019");
        SqliteFile.Execute(db, "DELETE FROM alembic_version; INSERT INTO alembic_version (version_num) VALUES ('017'), ('018');");
        var before = await File.ReadAllBytesAsync(db);

        var result = await _sandbox.RunAsync("db", "upgrade");

        result.ShouldExitWith(1);
        Assert.Equal("", result.StdOut);
        Assert.Contains("The version record has the rows 017, 018", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'017' is an ancestor of '018'", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'db stamp'", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Upgrade_after_stamping_019_back_to_017_stops_before_018_points_to_the_doctor_and_stays_at_017()
    {
        // The seed story: the schema is at 019, but the version record was set to 017 (forced: stamp refuses a lie).
        var db = await _sandbox.AddDatabaseAtAsync("019");
        (await _sandbox.RunAsync("db", "stamp", "017", "--force")).ShouldExitWith(0);
        Assert.Equal<string>(["017"], SqliteFile.Versions(db));
        var historyRows = SqliteFile.Count(db, "SELECT count(*) FROM waymark_history");
        var schema = SqliteFile.Column(db, "SELECT sql FROM sqlite_master ORDER BY name");

        var result = await _sandbox.RunAsync("db", "upgrade");

        result.ShouldExitWith(1);
        Assert.DoesNotContain("Upgraded", result.StdOut, StringComparison.Ordinal);
        var error = result.StdErr;
        Assert.Contains("Revision 018 (018_add_organizations.cs) creates table organizations, table memberships, but they already exist", error, StringComparison.Ordinal);
        Assert.Contains("the version record (017) is probably behind the schema", error, StringComparison.Ordinal);
        Assert.Contains("Nothing of 018 was run", error, StringComparison.Ordinal);
        Assert.Contains("'db doctor --fix' repairs the version record", error, StringComparison.Ordinal);

        Assert.Equal<string>(["017"], SqliteFile.Versions(db));
        Assert.Equal(historyRows, SqliteFile.Count(db, "SELECT count(*) FROM waymark_history"));
        Assert.Equal(schema, SqliteFile.Column(db, "SELECT sql FROM sqlite_master ORDER BY name"));
        var log = await File.ReadAllTextAsync(_sandbox.LogPath);
        Assert.Contains("creates table organizations, table memberships, but they already exist", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("upgrade")]
    [InlineData("stamp", "head")]
    public async Task File_that_is_not_sqlite_fails_with_exit_1_and_keeps_its_bytes(params string[] command)
    {
        var db = _sandbox.DatabasePath;
        var bytes = RandomNumberGenerator.GetBytes(4096);
        await File.WriteAllBytesAsync(db, bytes);

        var result = await _sandbox.RunAsync(["db", .. command]);

        result.ShouldExitWith(1);
        Assert.Equal("", result.StdOut);
        Assert.Contains("the file is not a SQLite database", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(db, result.StdErr, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(db));
    }

    [Fact]
    public async Task Upgrade_of_a_database_opened_read_only_fails_with_exit_1_and_a_clear_message()
    {
        var db = await _sandbox.AddDatabaseAtAsync("010");
        var before = await File.ReadAllBytesAsync(db);

        var result = await _sandbox.RunAsync("db", "upgrade", "--database", "sqlite:///timetracker.db?mode=ro");

        result.ShouldExitWith(1);
        Assert.DoesNotContain("Upgraded", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("readonly database", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("revision 011", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("still at 010", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(db));
        Assert.Equal<string>(["010"], SqliteFile.Versions(db));
    }
}
