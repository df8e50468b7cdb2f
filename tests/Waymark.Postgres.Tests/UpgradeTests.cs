using Waymark.Postgres.Tests.Support;
using Waymark.Schema;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

public sealed class PostgresUpgradeTests : UpgradeScenarios
{
    protected override ColumnType VersionColumnType => ColumnType.Native("character varying(32)");

    protected override string StartedAtNativeType => "timestamp with time zone";

    protected override string HistoryRowsNotStartedRecentlySql =>
        "SELECT count(*) FROM waymark_history WHERE started_at NOT BETWEEN now() - interval '10 minutes' AND now() + interval '1 minute'";

    protected override string JoinedAtAsTextSql => "to_char(joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')";

    protected override string StoredTrue => "true";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();

    [Fact]
    public async Task Raw_sql_written_per_dialect_runs_the_postgres_text_and_skips_the_others()
    {
        var revision = Rev("s1", null, m => m
            .Sql(new Dictionary<string, string>
            {
                ["postgres"] = "CREATE TABLE pg_only (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tags text[] NOT NULL DEFAULT '{}')",
                ["sqlite"] = "CREATE TABLE sqlite_only (id INTEGER PRIMARY KEY AUTOINCREMENT)",
            })
            .Sql(new Dictionary<string, string> { ["sqlite"] = "CREATE TABLE sqlite_too (id INTEGER)" })
            .Sql(new Dictionary<string, string> { ["sqlite"] = "SELECT 1" }, otherwise: "CREATE TABLE fallback (id integer)")
            .Sql("INSERT INTO pg_only (tags) VALUES (ARRAY['a', 'b'])"));

        var result = await Db.Migrator(revision).UpgradeAsync("head", CancellationToken.None);

        Assert.True(await Db.TableExistsAsync("pg_only"));
        Assert.True(await Db.TableExistsAsync("fallback"));
        Assert.False(await Db.TableExistsAsync("sqlite_only"));
        Assert.False(await Db.TableExistsAsync("sqlite_too"));
        Assert.Equal(["2"], await Db.RowsAsync("SELECT array_length(tags, 1) FROM pg_only"));
        Assert.Equal(3, result.Steps.Single().Statements);
    }
}
