using Microsoft.Data.Sqlite;
using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

/// <summary>The shared operation scenarios as SQLite runs them (most by rebuilding the table).</summary>
public sealed class SqliteOperationTests : OperationScenarios
{
    private const int SqliteConstraint = 19;

    protected override string TrueText => "1";

    protected override string FalseText => "0";

    protected override string AnonDefaultSql => "'anon'";

    protected override string NotLikeCheckSql => "body NOT LIKE '%(%'";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();

    // SQLite reports every broken constraint with the one code SQLITE_CONSTRAINT.
    protected override async Task AssertRejectedAsync(string sql, ConstraintKind kind)
    {
        var error = await Assert.ThrowsAsync<SqliteException>(() => Db.ExecuteAsync(sql));
        Assert.Equal(SqliteConstraint, error.SqliteErrorCode);
    }
}
