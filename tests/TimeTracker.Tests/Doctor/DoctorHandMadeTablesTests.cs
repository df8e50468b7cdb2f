using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// The seed's story with 018's tables made by a hand-written script, as an ORM writes them, on SQLite and
/// PostgreSQL: the doctor finds 018 and <c>--fix</c> records it. On SQLite, <c>id INTEGER PRIMARY KEY</c> without
/// NOT NULL is the rowid alias, which can never hold NULL, so it reads as NOT NULL.
/// </summary>
public sealed class DoctorHandMadeTablesTests : IDisposable
{
    private static readonly Dictionary<string, string> Tables018ByHand = new()
    {
        [DoctorDatabase.Sqlite] = """
            CREATE TABLE organizations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name VARCHAR(255) NOT NULL,
                slug VARCHAR(100) NOT NULL UNIQUE,
                created_at DATETIME NOT NULL,
                updated_at DATETIME NOT NULL
            );
            CREATE TABLE memberships (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                role VARCHAR(20) NOT NULL DEFAULT 'member',
                created_at DATETIME NOT NULL,
                UNIQUE (organization_id, user_id)
            );
            """,
        [DoctorDatabase.Postgres] = """
            CREATE TABLE organizations (
                id SERIAL PRIMARY KEY,
                name VARCHAR(255) NOT NULL,
                slug VARCHAR(100) NOT NULL UNIQUE,
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                updated_at TIMESTAMP WITH TIME ZONE NOT NULL
            );
            CREATE TABLE memberships (
                id SERIAL PRIMARY KEY,
                organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
                user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                role VARCHAR(20) NOT NULL DEFAULT 'member',
                created_at TIMESTAMP WITH TIME ZONE NOT NULL,
                UNIQUE (organization_id, user_id)
            );
            """,
    };

    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Theory]
    [InlineData(DoctorDatabase.Sqlite)]
    [InlineData(DoctorDatabase.Postgres)]
    public async Task Seed_story_with_018_tables_made_by_a_hand_written_script_is_found_at_018_and_fix_records_it(string dialect)
    {
        await using var db = await DoctorDatabase.AtAsync(dialect, _sandbox, "017");
        await db.ExecuteAsync(Tables018ByHand[dialect]);

        var examined = await db.RunAsync(_sandbox, "doctor", "--json");

        examined.ShouldExitWith(1);
        var report = DoctorJson.Parse(examined);
        Assert.Equal(["017"], report.Recorded);
        Assert.Equal(["018"], report.Matches);
        Assert.Equal("equivalent", report.Level);
        Assert.DoesNotContain(report.Differences, d => d.Description.Contains("nullable", StringComparison.Ordinal));
        Assert.All(report.Differences, d => Assert.True(d.Minor, d.Description));
        var behind = report.Finding("recorded-behind-schema");
        Assert.Equal(("error", "db stamp 018", true), (behind.Severity, behind.Fix, behind.SafeFix));

        var fixedRun = await db.RunAsync(_sandbox, "doctor", "--fix");

        fixedRun.ShouldExitWith(0);
        Assert.Equal("Schema:    018 (equivalent match)", fixedRun.OutLines[2]);
        Assert.Equal(["018"], await db.VersionsAsync());
    }
}
