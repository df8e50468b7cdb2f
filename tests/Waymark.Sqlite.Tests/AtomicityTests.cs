using Microsoft.Data.Sqlite;
using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

public sealed class SqliteAtomicityTests : AtomicityScenarios
{
    protected override IReadOnlyList<string> MissingTableMessageParts => ["no such table: no_such_table"];

    protected override string NotNullViolationMessagePart => "NOT NULL constraint failed";

    protected override string TableExistsMessagePart => "table users already exists";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();

    protected override void AssertMissingTableError(Exception? inner)
    {
        var sqlite = Assert.IsType<SqliteException>(inner);
        Assert.Equal(1, sqlite.SqliteErrorCode);
    }

    protected override void AssertNotNullFailureStatement(string? statement) =>
        Assert.StartsWith("INSERT INTO \"_waymark_rebuild_users\"", statement, StringComparison.Ordinal);
}
