using Waymark.Dialects;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>Offline scripts in the PostgreSQL dialect, applied with psql.</summary>
public sealed class PostgresOfflineScriptTests : OfflineScriptScenarios
{
    protected override ISqlDialect Dialect { get; } = new PostgresDialect();

    protected override int FailedScriptExitCode => 3;

    protected override string MissingTableErrorPart => "relation \"no_such_table\" does not exist";

    protected override string JsonParameter => "@settings::jsonb";

    protected override string DialectSql => "COMMENT ON TABLE posts IS 'written by users'";

    protected override string UsersQuery =>
        "SELECT id, email, years, active, CASE WHEN id = 1 THEN to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') ELSE 'now' END, "
        + "settings::text FROM users ORDER BY id";

    protected override IReadOnlyList<string> ExpectedUsers =>
        ["1|o'neil@example.com|40|false|2024-05-06 07:08:09|{\"theme\": \"dark\"}", "2|nobody@example.com|0|true|now|NULL"];

    protected override IReadOnlyList<string> RevisionsWithSqlFromTheLiveSchema => [];

    protected override string FirstUserLiterals => "'o''neil@example.com', 40, FALSE, '2024-05-06 07:08:09+00'";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();

    protected override Task ApplyScriptAsync(ScenarioDatabase database, string script) => Psql.RunAsync(database.ConnectionString, script);

    protected override async Task<(int ExitCode, string Errors)> TryApplyScriptAsync(ScenarioDatabase database, string script)
    {
        var result = await Psql.TryRunAsync(database.ConnectionString, script);
        return (result.ExitCode, result.Errors);
    }

    protected override async Task AssertDialectSqlRanAsync(ScenarioDatabase database) =>
        Assert.Equal(["written by users"], await database.RowsAsync("SELECT obj_description('articles'::regclass, 'pg_class')"));

    protected override void AssertScriptShape(string script)
    {
        Assert.Equal("\\set ON_ERROR_STOP on", script.ReplaceLineEndings("\n").Split('\n')[2]);
        Assert.Contains("ALTER TABLE \"users\" RENAME COLUMN \"age\" TO \"years\";", script, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE \"users\" ALTER COLUMN \"years\" TYPE bigint USING \"years\"::bigint;", script, StringComparison.Ordinal);
        Assert.Contains("ALTER TABLE \"posts\" RENAME TO \"articles\";", script, StringComparison.Ordinal);
        Assert.DoesNotContain("_waymark_rebuild", script, StringComparison.Ordinal);
        Assert.DoesNotContain("PRAGMA", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_transactional_migration_is_written_without_a_transaction_so_psql_can_create_an_index_concurrently()
    {
        Revision[] revisions =
        [
            Rev("n1", null, m => m.CreateTable("users", t =>
            {
                t.Id();
                t.String("email", 200);
            })),
            NonTransactionalRev("n2", "n1", m => m.Sql("CREATE INDEX CONCURRENTLY ix_users_email ON users (email)")),
        ];
        var script = await Writer(revisions).UpgradeAsync(null, "head", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        Assert.Equal(1, script.Split("BEGIN;").Length - 1);
        Assert.True(await Offline.IndexExistsAsync("ix_users_email"));
        Assert.Equal(["n2"], await Offline.VersionRowsAsync());
    }

    private static readonly Guid _tokenId = new("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    private static Revision[] Tokens(string column, string type, object value) =>
    [
        Rev("g1", null, m => m
            .Sql($"CREATE TABLE tokens (id integer PRIMARY KEY, {column} {type})")
            .Execute($"INSERT INTO tokens (id, {column}) VALUES (1, @value)", ("value", value))),
    ];

    private async Task AssertOfflineStoresWhatOnlineStoresAsync(Revision[] revisions, string column)
    {
        await Db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer(revisions).UpgradeAsync(null, "head", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        var query = $"SELECT {column}::text FROM tokens";
        Assert.Equal(await Db.RowsAsync(query), await Offline.RowsAsync(query));
    }

    [Fact]
    public async Task A_decimal_and_a_date_parameter_are_written_as_literals_that_store_the_same_values_as_online()
    {
        Revision[] revisions =
        [
            Rev("g1", null, m => m
                .Sql("CREATE TABLE prices (id integer PRIMARY KEY, amount numeric(12,4), since date, ratio double precision)")
                .Execute("INSERT INTO prices VALUES (1, @amount, @since, @ratio)",
                    ("amount", 1234.5678m), ("since", new DateOnly(2024, 2, 29)), ("ratio", 0.25))),
        ];
        await Db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);
        var script = await Writer(revisions).UpgradeAsync(null, "head", CancellationToken.None);

        await ApplyScriptAsync(Offline, script);

        const string Query = "SELECT amount::text, since::text, ratio::text FROM prices";
        Assert.Equal(["1234.5678|2024-02-29|0.25"], await Offline.RowsAsync(Query));
        Assert.Equal(await Db.RowsAsync(Query), await Offline.RowsAsync(Query));
    }

    [Fact]
    public async Task A_guid_parameter_is_written_as_a_uuid_literal_in_an_offline_script() =>
        await AssertOfflineStoresWhatOnlineStoresAsync(Tokens("id2", "uuid", _tokenId), "id2");

    [Fact]
    public async Task A_byte_array_parameter_is_written_as_a_bytea_literal_in_an_offline_script() =>
        await AssertOfflineStoresWhatOnlineStoresAsync(Tokens("secret", "bytea", new byte[] { 0, 1, 0xfe, 0xff }), "secret");

    [Fact]
    public async Task A_time_span_parameter_is_written_as_an_interval_literal_in_an_offline_script() =>
        await AssertOfflineStoresWhatOnlineStoresAsync(Tokens("ttl", "interval", TimeSpan.FromMinutes(90)), "ttl");
}
