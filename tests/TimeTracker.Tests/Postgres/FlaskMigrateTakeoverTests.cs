using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Postgres;

/// <summary>
/// The seed story on PostgreSQL: a database that Flask-Migrate kept up to 017 is taken over by
/// <c>timetracker db upgrade</c> as it is, and the seed document's "Verify Success" queries then hold.
/// And its failure: 018's tables made by hand while alembic_version says 017.
/// </summary>
public sealed class FlaskMigrateTakeoverTests : IDisposable
{
    private static readonly string[] NewTablesOf019 = ["email_verification_tokens", "password_reset_tokens", "refresh_tokens", "subscription_events"];
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Upgrade_of_a_flask_migrate_database_at_017_reaches_the_head_and_passes_the_seed_verify_queries()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.ExecuteAsync(FlaskMigrateSchema.At017);
        Assert.DoesNotContain("waymark_history", await db.TablesAsync());
        var current = await _sandbox.RunAsync("db", "current", "--database", db.Url);
        current.ShouldExitWith(0);
        Assert.Equal<string>(["017"], current.OutLines);

        var upgrade = await _sandbox.RunAsync("db", "upgrade", "--database", db.Url);

        upgrade.ShouldExitWith(0);
        Assert.Equal("", upgrade.StdErr);
        Assert.Equal(10, upgrade.OutLines.Count);
        Assert.StartsWith("Upgraded 017 -> 018: add organizations (", upgrade.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 018 -> 019: add auth features (", upgrade.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 019 -> 020: add account security (", upgrade.OutLines[2], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 020 -> 021: add invitations (", upgrade.OutLines[3], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 021 -> 022: add billing event order (", upgrade.OutLines[4], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 022 -> 023: add organization tenancy (", upgrade.OutLines[5], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 023 -> 024: add time tracking (", upgrade.OutLines[6], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 024 -> 025: add security hardening (", upgrade.OutLines[7], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 025 -> 026: add api token scopes (", upgrade.OutLines[8], StringComparison.Ordinal);
        Assert.StartsWith($"Database is at {ExpectedChain.Head} (9 revision(s), ", upgrade.OutLines[9], StringComparison.Ordinal);

        // Verify Success (019's tables), now on to the head.
        Assert.Equal<string?>([ExpectedChain.Head], await db.ColumnAsync(FlaskMigrateSchema.VersionQuery));
        Assert.Equal<string?>(NewTablesOf019, await db.ColumnAsync(FlaskMigrateSchema.NewTablesQuery));

        // The history starts where Waymark took over; Alembic's version table keeps its own constraint name.
        Assert.Equal<string?>(["018 upgrade 017", "019 upgrade 018", "020 upgrade 019", "021 upgrade 020", "022 upgrade 021", "023 upgrade 022", "024 upgrade 023", "025 upgrade 024", "026 upgrade 025"], await db.ColumnAsync("SELECT concat_ws(' ', revision, direction, from_versions) FROM waymark_history ORDER BY id"));
        Assert.Equal<string?>(["alembic_version_pkc"], await db.ColumnAsync("SELECT conname FROM pg_constraint WHERE conrelid = 'alembic_version'::regclass"));
        // The application's rows are all there, with 019's and 020's new columns at their defaults.
        Assert.Equal<string?>(["ada@example.com f f 0", "grace@example.com f f 0"],
            await db.ColumnAsync("SELECT concat_ws(' ', email, email_verified, totp_enabled, failed_sign_in_count) FROM users ORDER BY id"));
        Assert.Equal<string?>(["5400"], await db.ColumnAsync("SELECT duration_seconds FROM time_entries"));
        Assert.Equal<string?>(["{\"name\": \"Website\"}"], await db.ColumnAsync("SELECT details::text FROM audit_log"));
        // 023 gave Ada, who tracked time but belonged to no organization, a personal one as its owner, and moved
        // her entry and the client and project it is on there.
        Assert.Equal<string?>(["1 personal-1 Ada (personal)"], await db.ColumnAsync("SELECT concat_ws(' ', id, slug, name) FROM organizations"));
        Assert.Equal<string?>(["1 1 owner"], await db.ColumnAsync("SELECT concat_ws(' ', organization_id, user_id, role) FROM memberships"));
        Assert.Equal<string?>(["1 1 1"], await db.ColumnAsync(
            "SELECT concat_ws(' ', e.organization_id, p.organization_id, c.organization_id) FROM time_entries e JOIN projects p ON p.id = e.project_id JOIN clients c ON c.id = p.client_id"));
        // The new tables work with the old ones: integer ids referenced from bigint columns.
        await db.ExecuteAsync("""
            INSERT INTO organizations (name, slug, created_at, updated_at) VALUES ('Acme Time', 'acme-time', now(), now());
            INSERT INTO memberships (organization_id, user_id, created_at) VALUES ((SELECT id FROM organizations WHERE slug = 'acme-time'), 2, now());
            INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, created_at) VALUES (1, 'h1', 'f1', now(), now());
            INSERT INTO invitations (organization_id, email, token_hash, invited_by_id, expires_at, created_at) VALUES ((SELECT id FROM organizations WHERE slug = 'acme-time'), 'linus@example.com', 'h2', 1, now(), now());
            """);
        Assert.Equal<string?>(["member"], await db.ColumnAsync("SELECT role FROM memberships WHERE user_id = 2"));
        Assert.Equal<string?>(["linus@example.com member ada@example.com"],
            await db.ColumnAsync("SELECT concat_ws(' ', i.email, i.role, u.email) FROM invitations i JOIN users u ON u.id = i.invited_by_id"));

        var atHead = await _sandbox.RunAsync("db", "current", "--database", db.Url);
        atHead.ShouldExitWith(0);
        Assert.Equal<string>([$"{ExpectedChain.Head} (head)"], atHead.OutLines);
    }

    [Fact]
    public async Task Upgrade_when_018_tables_were_made_by_hand_stops_before_018_changes_nothing_and_stamp_018_repairs_it()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.ExecuteAsync(FlaskMigrateSchema.At017);
        await db.ExecuteAsync(FlaskMigrateSchema.Tables018ByHand);
        var state = await db.StateAsync();
        Assert.DoesNotContain("waymark_history", await db.TablesAsync());

        var upgrade = await _sandbox.RunAsync("db", "upgrade", "--database", db.Url);

        upgrade.ShouldExitWith(1);
        Assert.DoesNotContain("Upgraded", upgrade.StdOut, StringComparison.Ordinal);
        var error = upgrade.StdErr;
        Assert.Contains("Revision 018 (018_add_organizations.cs) creates table organizations, table memberships, but they already exist", error, StringComparison.Ordinal);
        Assert.Contains("the version record (017) is probably behind the schema", error, StringComparison.Ordinal);
        Assert.Contains("Nothing of 018 was run", error, StringComparison.Ordinal);
        Assert.Contains("db doctor", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);

        // Tables, rows and version record exactly as they were: the history table is created in the failed
        // step's own transaction, so not even it is left behind.
        Assert.Equal(state, await db.StateAsync());
        Assert.Equal<string>(["017"], await db.VersionsAsync());
        Assert.DoesNotContain("waymark_history", await db.TablesAsync());

        // The seed's fix, option 3: stamp 018 (the tables are there), then upgrade.
        (await _sandbox.RunAsync("db", "stamp", "018", "--database", db.Url)).ShouldExitWith(0);
        var repaired = await _sandbox.RunAsync("db", "upgrade", "--database", db.Url);

        repaired.ShouldExitWith(0);
        Assert.StartsWith("Upgraded 018 -> 019: add auth features (", repaired.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 019 -> 020: add account security (", repaired.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 020 -> 021: add invitations (", repaired.OutLines[2], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 021 -> 022: add billing event order (", repaired.OutLines[3], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 022 -> 023: add organization tenancy (", repaired.OutLines[4], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 023 -> 024: add time tracking (", repaired.OutLines[5], StringComparison.Ordinal);
        Assert.Equal<string?>([ExpectedChain.Head], await db.ColumnAsync(FlaskMigrateSchema.VersionQuery));
        Assert.Equal<string?>(NewTablesOf019, await db.ColumnAsync(FlaskMigrateSchema.NewTablesQuery));
        Assert.Equal<string?>(["1 acme-time"], await db.ColumnAsync("SELECT concat_ws(' ', id, slug) FROM organizations"));
    }
}
