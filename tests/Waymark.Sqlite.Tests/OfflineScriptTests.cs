using Waymark.Dialects;
using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

/// <summary>Offline scripts in the SQLite dialect, applied with the sqlite3 shell.</summary>
public sealed class SqliteOfflineScriptTests : OfflineScriptScenarios
{
    protected override ISqlDialect Dialect { get; } = new SqliteDialect();

    protected override int FailedScriptExitCode => 1;

    protected override string MissingTableErrorPart => "no such table: no_such_table";

    protected override string JsonParameter => "@settings";

    protected override string DialectSql => "PRAGMA user_version = 17";

    protected override string UsersQuery =>
        "SELECT id, email, years, active, CASE WHEN id = 1 THEN strftime('%Y-%m-%d %H:%M:%S', created_at) ELSE 'now' END, settings FROM users ORDER BY id";

    protected override IReadOnlyList<string> ExpectedUsers =>
        ["1|o'neil@example.com|40|0|2024-05-06 07:08:09|{\"theme\": \"dark\"}", "2|nobody@example.com|0|1|now|NULL"];

    protected override IReadOnlyList<string> RevisionsWithSqlFromTheLiveSchema => ["o3"];

    protected override string FirstUserLiterals => "'o''neil@example.com', 40, 0, '2024-05-06 07:08:09'";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();

    protected override Task ApplyScriptAsync(ScenarioDatabase database, string script) =>
        Sqlite3Cli.RunAsync(((TempDatabase)database).FilePath, script);

    protected override async Task<(int ExitCode, string Errors)> TryApplyScriptAsync(ScenarioDatabase database, string script)
    {
        var result = await Sqlite3Cli.TryRunAsync(((TempDatabase)database).FilePath, script);
        return (result.ExitCode, result.Errors);
    }

    protected override async Task AssertDialectSqlRanAsync(ScenarioDatabase database) =>
        Assert.Equal(["17"], await database.RowsAsync("PRAGMA user_version"));

    protected override void AssertScriptShape(string script)
    {
        Assert.Equal(".bail on", script.ReplaceLineEndings("\n").Split('\n')[2]);
        Assert.Contains("PRAGMA foreign_keys = OFF;", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"_waymark_rebuild_users\"", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE \"_waymark_rebuild_posts\"", script, StringComparison.Ordinal);
    }
}
