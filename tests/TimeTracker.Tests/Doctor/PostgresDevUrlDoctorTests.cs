using TimeTracker.Tests.Cli;
using TimeTracker.Tests.Postgres;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// The doctor replays the chain in a scratch database it creates; a role that may not create databases
/// must give <c>--dev-url</c>, an empty database the doctor fills and clears again.
/// </summary>
public sealed class PostgresDevUrlDoctorTests : IDisposable
{
    private const string RelationsInPublic =
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'";

    private const string TypesInPublic =
        "SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'";

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task A_role_without_createdb_and_no_dev_url_fails_with_exit_1_saying_it_cannot_create_a_scratch_database_and_suggesting_dev_url()
    {
        await using var role = await RestrictedRole.CreateAsync();
        await using var db = await RecordedBehindAsync(role);
        var state = await db.StateAsync();
        var url = role.UrlFor(db);

        var doctor = await _sandbox.RunAsync("db", "doctor", "--database", url);
        var fix = await _sandbox.RunAsync("db", "doctor", "--fix", "--json", "--database", url);
        var check = await _sandbox.RunAsync("db", "check", "--database", url);

        foreach (var result in new[] { doctor, fix, check })
        {
            result.ShouldExitWith(1);
            Assert.Equal("", result.StdOut);
            Assert.StartsWith($"error: Cannot create a scratch database next to {role.DisplayFor(db)} to replay the migrations in: permission denied to create database [SQLSTATE 42501]. ", result.StdErr, StringComparison.Ordinal);
            Assert.Contains("Give --dev-url with an empty database of the same kind", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain(":" + RestrictedRole.Password + "@", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        }
        Assert.Equal(state, await db.StateAsync());
    }

    [Fact]
    public async Task A_role_without_createdb_with_dev_url_at_an_empty_database_examines_and_fixes_and_leaves_the_dev_database_empty()
    {
        await using var role = await RestrictedRole.CreateAsync();
        await using var db = await RecordedBehindAsync(role);
        await using var dev = await PostgresDatabase.CreateAsync();
        await role.GrantAsync(dev);
        var userState = await db.StateAsync("alembic_version", "waymark_history");

        var examined = await _sandbox.RunAsync("db", "doctor", "--json", "--database", role.UrlFor(db), "--dev-url", role.UrlFor(dev));

        examined.ShouldExitWith(1);
        Assert.Equal("", examined.StdErr);
        var report = DoctorJson.Parse(examined);
        Assert.Equal(role.DisplayFor(db), report.Database);
        Assert.Equal(["017"], report.Recorded);
        Assert.Equal(["018"], report.Matches);
        Assert.Equal("exact", report.Level);
        Assert.Equal(["recorded-behind-schema"], report.Codes);
        Assert.Equal(0, await dev.CountAsync(RelationsInPublic));
        Assert.Equal(0, await dev.CountAsync(TypesInPublic));

        var fixedRun = await _sandbox.RunAsync("db", "doctor", "--fix", "--database", role.UrlFor(db), "--dev-url", role.UrlFor(dev));

        fixedRun.ShouldExitWith(0);
        Assert.Equal("", fixedRun.StdErr);
        Assert.Contains("info     fixed", fixedRun.OutLines);
        Assert.Equal(["018"], await db.VersionsAsync());
        Assert.Equal("018 doctor 017", (await db.ColumnAsync("SELECT concat_ws(' ', revision, direction, from_versions) FROM waymark_history ORDER BY id"))[^1]);
        Assert.Equal(userState, await db.StateAsync("alembic_version", "waymark_history"));
        Assert.Equal(0, await dev.CountAsync(RelationsInPublic));
        Assert.Equal(0, await dev.CountAsync(TypesInPublic));
    }

    [Fact]
    public async Task Dev_url_at_a_database_that_is_not_empty_is_a_usage_error_exit_2_and_changes_neither_database()
    {
        await using var role = await RestrictedRole.CreateAsync();
        await using var db = await RecordedBehindAsync(role);
        await using var dev = await PostgresDatabase.CreateAsync();
        await dev.ExecuteAsync("CREATE TABLE keep_me (id INTEGER PRIMARY KEY, note TEXT); INSERT INTO keep_me VALUES (1, 'mine')");
        await role.GrantAsync(dev);
        var state = await db.StateAsync();
        var devState = await dev.StateAsync();

        var result = await _sandbox.RunAsync("db", "doctor", "--fix", "--database", role.UrlFor(db), "--dev-url", role.UrlFor(dev));

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.StartsWith($"error: The dev database {role.DisplayFor(dev)} is not empty (it has keep_me). Give --dev-url an empty database", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(state, await db.StateAsync());
        Assert.Equal(devState, await dev.StateAsync());
    }

    [Fact]
    public async Task Dev_url_of_another_kind_than_the_database_is_a_usage_error_exit_2()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.UpgradeAsync("019");
        var state = await db.StateAsync();

        var result = await _sandbox.RunAsync("db", "doctor", "--database", db.Url, "--dev-url", "sqlite:///dev.db");

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.Contains("--dev-url", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(state, await db.StateAsync());
    }

    /// <summary>The seed's case built by the superuser (018's schema, 017 recorded), then granted to the role.</summary>
    private static async Task<PostgresDatabase> RecordedBehindAsync(RestrictedRole role)
    {
        var db = await PostgresDatabase.CreateAsync();
        try
        {
            await db.UpgradeAsync("018");
            await db.ExecuteAsync("UPDATE alembic_version SET version_num = '017'; DELETE FROM waymark_history WHERE revision = '018'");
            await role.GrantAsync(db);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
