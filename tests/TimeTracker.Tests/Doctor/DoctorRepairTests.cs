using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// <c>db doctor --fix</c> end to end on SQLite and PostgreSQL: the seed's story repaired and carried to head,
/// a second run that changes nothing, and the promise that only the version record is ever written.
/// </summary>
public sealed class DoctorRepairTests : IDisposable
{
    private static readonly string[] NewTablesOf019 = ["email_verification_tokens", "password_reset_tokens", "refresh_tokens", "subscription_events"];

    private const string UserRows = """
        INSERT INTO users (email, name, created_at, updated_at) VALUES ('ada@example.com', 'Ada', '2024-01-02 09:00:00', '2024-01-02 09:00:00');
        INSERT INTO users (email, name, created_at, updated_at) VALUES ('grace@example.com', 'Grace', '2024-01-03 09:00:00', '2024-01-03 09:00:00');
        INSERT INTO organizations (name, slug, created_at, updated_at) VALUES ('Acme Time', 'acme-time', '2024-02-01 09:00:00', '2024-02-01 09:00:00');
        INSERT INTO memberships (organization_id, user_id, role, created_at)
            VALUES ((SELECT id FROM organizations WHERE slug = 'acme-time'), (SELECT id FROM users WHERE email = 'ada@example.com'), 'owner', '2024-02-01 09:00:00');
        """;

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task Seed_story_017_recorded_018_tables_there_doctor_finds_it_fix_stamps_018_and_upgrade_reaches_the_head(string dialect)
    {
        await using var db = await DoctorDatabase.RecordedBehindAsync(dialect, _sandbox);
        Assert.Equal(["017"], await db.VersionsAsync());
        Assert.Contains("organizations", await db.TablesAsync());
        var before = await db.StateAsync();

        var text = await db.RunAsync(_sandbox, "doctor");
        var json = await db.RunAsync(_sandbox, "doctor", "--json");
        var check = await db.RunAsync(_sandbox, "check");

        text.ShouldExitWith(1);
        Assert.Equal("", text.StdErr);
        Assert.Equal($"Database:  {db.Url}", text.OutLines[0]);
        Assert.Equal("Recorded:  017", text.OutLines[1]);
        Assert.Equal("Schema:    018 (exact match)", text.OutLines[2]);
        Assert.Contains("error    recorded-behind-schema", text.OutLines);
        Assert.Contains("         fix: db stamp 018   (safe: only the version record; --fix applies it)", text.OutLines);
        Assert.Equal("Next: Run 'db doctor --fix' to apply the safe fix (db stamp 018); it only rewrites the version record.", text.OutLines[^1]);

        json.ShouldExitWith(1);
        Assert.Equal("", json.StdErr);
        var report = DoctorJson.Parse(json);
        Assert.Equal(db.Url, report.Database);
        Assert.Equal(["017"], report.Recorded);
        Assert.Equal("exact", report.Level);
        Assert.Equal(["018"], report.Matches);
        Assert.Empty(report.Differences);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(("recorded-behind-schema", "error", "db stamp 018", true), (finding.Code, finding.Severity, finding.Fix, finding.SafeFix));
        Assert.StartsWith("The version record says 017, but the schema is already exactly that of 018: 018 was applied (or its tables made) without being recorded.", finding.Message, StringComparison.Ordinal);
        Assert.False(report.Healthy);
        Assert.Equal("Run 'db doctor --fix' to apply the safe fix (db stamp 018); it only rewrites the version record.", report.Next);

        check.ShouldExitWith(1);
        Assert.Equal(
            ["recorded-behind-schema: The version record says 017, but the schema is already exactly that of 018: 018 was applied (or its tables made) without being recorded.",
             $"not-at-head: the database is at 018, the scripts' head is {ExpectedChain.Head}"],
            check.OutLines);

        // Without --fix nothing is written.
        Assert.Equal(before, await db.StateAsync());

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix");

        fixedRun.ShouldExitWith(0);
        Assert.Equal("", fixedRun.StdErr);
        Assert.Equal("Recorded:  018", fixedRun.OutLines[1]);
        Assert.Equal("Schema:    018 (exact match)", fixedRun.OutLines[2]);
        Assert.Contains("info     fixed", fixedRun.OutLines);
        Assert.Contains("         Fixed: the version record said 017 and now says 018 (a 'doctor' row in waymark_history records it). No table or row was touched.", fixedRun.OutLines);
        Assert.DoesNotContain("error", fixedRun.StdOut, StringComparison.Ordinal);
        Assert.Equal($"Next: Run 'db upgrade' to apply the {ExpectedChain.CountAfter("018")} pending revision(s).", fixedRun.OutLines[^1]);
        Assert.Equal(["018"], await db.VersionsAsync());
        Assert.Equal("018 doctor 017", (await db.HistoryAsync())[^1]);

        var upgrade = await db.RunAsync(_sandbox, "upgrade");

        upgrade.ShouldExitWith(0);
        Assert.Equal("", upgrade.StdErr);
        Assert.Equal(9, upgrade.OutLines.Count);
        Assert.StartsWith("Upgraded 018 -> 019: add auth features (", upgrade.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 019 -> 020: add account security (", upgrade.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 020 -> 021: add invitations (", upgrade.OutLines[2], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 021 -> 022: add billing event order (", upgrade.OutLines[3], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 022 -> 023: add organization tenancy (", upgrade.OutLines[4], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 023 -> 024: add time tracking (", upgrade.OutLines[5], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 024 -> 025: add security hardening (", upgrade.OutLines[6], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 025 -> 026: add api token scopes (", upgrade.OutLines[7], StringComparison.Ordinal);
        Assert.StartsWith($"Database is at {ExpectedChain.Head} (8 revision(s), ", upgrade.OutLines[8], StringComparison.Ordinal);
        Assert.Equal([ExpectedChain.Head], await db.VersionsAsync());
        var tables = await db.TablesAsync();
        Assert.All(NewTablesOf019, t => Assert.Contains(t, tables));
        Assert.Contains("data_protection_keys", tables);
        Assert.Contains("invitations", tables);
        var history = await db.HistoryAsync();
        Assert.Equal(["018 doctor 017", "019 upgrade 018", "020 upgrade 019", "021 upgrade 020", "022 upgrade 021", "023 upgrade 022", "024 upgrade 023", "025 upgrade 024", "026 upgrade 025"], history.TakeLast(9));
        Assert.Single(history, h => h.Contains(" doctor ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task Fix_never_touches_user_tables_or_rows_and_run_twice_the_second_reports_healthy_exits_0_and_changes_nothing(string dialect)
    {
        await using var db = await DoctorDatabase.RecordedBehindAsync(dialect, _sandbox);
        await db.ExecuteAsync(UserRows);
        var userState = await db.UserStateAsync();
        Assert.Contains("acme-time", userState, StringComparison.Ordinal);
        Assert.Contains("grace@example.com", userState, StringComparison.Ordinal);

        var first = await db.RunAsync(_sandbox, "doctor", "--fix");

        first.ShouldExitWith(0);
        Assert.Contains("info     fixed", first.OutLines);
        Assert.Equal(["018"], await db.VersionsAsync());
        Assert.Equal(userState, await db.UserStateAsync());
        Assert.Equal<string?>(["ada@example.com", "grace@example.com"], await db.ColumnAsync("SELECT email FROM users ORDER BY id"));
        Assert.Equal<string?>(["acme-time ada@example.com owner"], await db.ColumnAsync("SELECT o.slug || ' ' || u.email || ' ' || m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id JOIN users u ON u.id = m.user_id"));
        var versions = await db.VersionsAsync();
        var historyCount = (await db.HistoryAsync()).Count;
        var state = await db.StateAsync();

        var second = await db.RunAsync(_sandbox, "doctor", "--fix", "--json");

        second.ShouldExitWith(0);
        Assert.Equal("", second.StdErr);
        var report = DoctorJson.Parse(second);
        Assert.Empty(report.Findings);
        Assert.True(report.Healthy);
        Assert.Equal(["018"], report.Recorded);
        Assert.Equal(["018"], report.Matches);
        Assert.Equal(versions, await db.VersionsAsync());
        Assert.Equal(historyCount, (await db.HistoryAsync()).Count);
        Assert.Equal(state, await db.StateAsync());
    }

    [Fact]
    public async Task Doctor_on_a_sqlite_file_that_does_not_exist_creates_no_file()
    {
        var missing = _sandbox.PathOf("typo.db");

        var examined = await _sandbox.RunAsync("db", "doctor", "--database", "sqlite:///" + missing);
        var fixedRun = await _sandbox.RunAsync("db", "doctor", "--fix", "--database", "sqlite:///" + missing);
        var check = await _sandbox.RunAsync("db", "check", "--database", "sqlite:///" + missing);

        Assert.False(File.Exists(missing), $"the doctor created {missing}.\n{examined}\n{fixedRun}\n{check}");
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task A_history_checksum_shorter_than_12_characters_is_reported_as_migration_changed_not_a_crash()
    {
        await using var db = await DoctorDatabase.AtAsync(DoctorDatabase.Sqlite, _sandbox, "019");
        await db.ExecuteAsync("UPDATE waymark_history SET checksum = 'x' WHERE revision = '010'");

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        Assert.DoesNotContain("Unhandled exception", examined.StdErr, StringComparison.Ordinal);
        var finding = Assert.Single(DoctorJson.Parse(examined).Findings);
        Assert.Equal("migration-changed", finding.Code);
        Assert.Contains("revision 010 (010_create_invoice_items.cs)", finding.Message, StringComparison.Ordinal);
    }
}
