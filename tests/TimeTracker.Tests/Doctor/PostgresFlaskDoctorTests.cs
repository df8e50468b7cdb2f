using TimeTracker.Tests.Cli;
using TimeTracker.Tests.Postgres;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// The doctor on PostgreSQL databases that Flask-Migrate (SQLAlchemy DDL, PostgreSQL's own constraint names,
/// SERIAL ids) made: recognised as equivalent to a revision, the differences listed, and the record repaired.
/// </summary>
public sealed class PostgresFlaskDoctorTests : IDisposable
{
    private static readonly string[] NewTablesOf019 = ["email_verification_tokens", "password_reset_tokens", "refresh_tokens", "subscription_events"];

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Flask_schema_at_017_without_alembic_version_is_an_equivalent_match_whose_differences_are_listed_and_fix_stamps_017()
    {
        await using var db = await DoctorDatabase.PostgresFromSqlAsync(FlaskMigrateSchema.At017 + "\nDROP TABLE alembic_version;");
        Assert.DoesNotContain("alembic_version", await db.TablesAsync());
        var userState = await db.UserStateAsync();

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        Assert.Equal("", examined.StdErr);
        var report = DoctorJson.Parse(examined);
        Assert.Null(report.Recorded);
        Assert.Equal("equivalent", report.Level);
        Assert.Equal(["017"], report.Matches);
        Assert.NotEmpty(report.Differences);
        Assert.All(report.Differences, d => Assert.True(d.Minor, d.Description));
        var differences = report.Differences.Select(d => d.Description).ToList();
        Assert.Contains("primary key of users is named users_pkey, expected pk_users", differences);
        Assert.Contains("unique key (email) on users is named users_email_key, expected uq_users_email", differences);
        Assert.Contains("column users.id is declared integer, expected bigint", differences);
        Assert.Contains("column invoices.total defaults to '0'::numeric, expected 0", differences);
        Assert.Equal(["no-version-record", "equivalent-schema"], report.Codes);
        var missing = report.Finding("no-version-record");
        Assert.Equal(("error", "db stamp 017", true), (missing.Severity, missing.Fix, missing.SafeFix));
        Assert.StartsWith("There is no version record (no version table), but the schema is equivalently that of 017", missing.Message, StringComparison.Ordinal);
        var equivalent = report.Finding("equivalent-schema");
        Assert.Equal(("info", null, false), (equivalent.Severity, equivalent.Fix, equivalent.SafeFix));
        Assert.Equal(
            "The schema is equivalent to 017, not identical: it was probably made outside migrations. Differences that do not matter to the chain: " + string.Join("; ", differences) + ".",
            equivalent.Message);
        Assert.Equal(userState, await db.UserStateAsync());
        Assert.DoesNotContain("alembic_version", await db.TablesAsync());

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix", "--json");

        fixedRun.ShouldExitWith(0);
        var after = DoctorJson.Parse(fixedRun);
        Assert.Equal(["fixed", "equivalent-schema"], after.Codes);
        Assert.True(after.Healthy);
        Assert.Equal(["017"], after.Recorded);
        Assert.Equal("equivalent", after.Level);
        Assert.Equal(["017"], await db.VersionsAsync());
        Assert.Equal(["017 doctor -"], await db.HistoryAsync());
        Assert.Equal(userState, await db.UserStateAsync());

        var upgrade = await db.RunAsync(_sandbox, "upgrade");

        upgrade.ShouldExitWith(0);
        Assert.StartsWith("Upgraded 017 -> 018: add organizations (", upgrade.OutLines[0], StringComparison.Ordinal);
        Assert.Equal([ExpectedChain.Head], await db.VersionsAsync());
    }

    [Fact]
    public async Task Seed_on_flask_schema_018_tables_made_by_hand_doctor_finds_018_equivalently_fix_stamps_it_and_upgrade_passes_the_verify_queries()
    {
        await using var db = await DoctorDatabase.PostgresFromSqlAsync(FlaskMigrateSchema.At017 + "\n" + FlaskMigrateSchema.Tables018ByHand);
        var userState = await db.UserStateAsync();

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        var report = DoctorJson.Parse(examined);
        Assert.Equal(["017"], report.Recorded);
        Assert.Equal("equivalent", report.Level);
        Assert.Equal(["018"], report.Matches);
        Assert.Equal(["recorded-behind-schema", "equivalent-schema"], report.Codes);
        var behind = report.Finding("recorded-behind-schema");
        Assert.Equal(("error", "db stamp 018", true), (behind.Severity, behind.Fix, behind.SafeFix));
        Assert.StartsWith("The version record says 017, but the schema is already equivalently that of 018: 018 was applied (or its tables made) without being recorded.", behind.Message, StringComparison.Ordinal);
        Assert.Contains("primary key of organizations is named organizations_pkey, expected pk_organizations", report.Finding("equivalent-schema").Message, StringComparison.Ordinal);

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix");

        fixedRun.ShouldExitWith(0);
        Assert.Contains("         Fixed: the version record said 017 and now says 018 (a 'doctor' row in waymark_history records it). No table or row was touched.", fixedRun.OutLines);
        Assert.Equal("Schema:    018 (equivalent match)", fixedRun.OutLines[2]);
        Assert.Equal(["018"], await db.VersionsAsync());
        Assert.Equal(["018 doctor 017"], await db.HistoryAsync());
        Assert.Equal(userState, await db.UserStateAsync());

        var upgrade = await db.RunAsync(_sandbox, "upgrade");

        upgrade.ShouldExitWith(0);
        Assert.StartsWith("Upgraded 018 -> 019: add auth features (", upgrade.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 019 -> 020: add account security (", upgrade.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 020 -> 021: add invitations (", upgrade.OutLines[2], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 021 -> 022: add billing event order (", upgrade.OutLines[3], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 022 -> 023: add organization tenancy (", upgrade.OutLines[4], StringComparison.Ordinal);
        Assert.StartsWith("Upgraded 023 -> 024: add time tracking (", upgrade.OutLines[5], StringComparison.Ordinal);
        Assert.Equal<string?>([ExpectedChain.Head], await db.ColumnAsync(FlaskMigrateSchema.VersionQuery));
        Assert.Equal<string?>(NewTablesOf019, await db.ColumnAsync(FlaskMigrateSchema.NewTablesQuery));
        Assert.Equal<string?>(["1 acme-time"], await db.ColumnAsync("SELECT concat_ws(' ', id, slug) FROM organizations"));
        Assert.Equal(["018 doctor 017", "019 upgrade 018", "020 upgrade 019", "021 upgrade 020", "022 upgrade 021", "023 upgrade 022", "024 upgrade 023", "025 upgrade 024", "026 upgrade 025"], await db.HistoryAsync());
    }
}
