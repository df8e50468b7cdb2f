using Npgsql;
using Waymark.Postgres.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Postgres.Tests;

/// <summary>The shared operation scenarios as PostgreSQL runs them (a native ALTER).</summary>
public sealed class PostgresOperationTests : OperationScenarios
{
    protected override string TrueText => "true";

    protected override string FalseText => "false";

    protected override string AnonDefaultSql => "'anon'::character varying";

    protected override string NotLikeCheckSql => "(body !~~ '%(%'::text)";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();

    protected override async Task AssertRejectedAsync(string sql, ConstraintKind kind)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => Db.ExecuteAsync(sql));
        Assert.Equal(kind switch
        {
            ConstraintKind.NotNull => PostgresErrorCodes.NotNullViolation,
            ConstraintKind.Unique => PostgresErrorCodes.UniqueViolation,
            ConstraintKind.ForeignKey => PostgresErrorCodes.ForeignKeyViolation,
            ConstraintKind.Check => PostgresErrorCodes.CheckViolation,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        }, error.SqlState);
    }
}
