using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using TimeTracker.Tests.Cli;
using Waymark.Testing;

namespace TimeTracker.Tests.Postgres;

/// <summary>
/// What goes wrong with a PostgreSQL database, through the CLI: each gives exit code 1 (failure) or 2
/// (usage), says what is wrong and what to do on stderr, prints no password, and changes nothing.
/// </summary>
public sealed class PostgresBadInputTests : IDisposable
{
    // ('W','A','Y','M'), 1: the advisory lock key pair every Waymark run on a database takes.
    private const int LockClassKey = 1463900493;
    private const int LockObjectKey = 1;
    private readonly CliSandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact]
    public async Task Unreachable_server_exits_1_and_says_where_it_looked()
    {
        var port = FreePort();
        var url = $"postgresql://waymark@127.0.0.1:{port}/timetracker";

        var result = await _sandbox.RunAsync("db", "upgrade", "--database", url);

        result.ShouldExitWith(1);
        Assert.Equal("", result.StdOut);
        Assert.Contains($"Cannot use the database postgresql://waymark@127.0.0.1:{port}/timetracker", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"cannot reach a PostgreSQL server at 127.0.0.1:{port}", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Wrong_password_exits_1_and_the_password_is_never_printed_or_logged()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        var role = $"app_{Guid.NewGuid():N}"[..20];
        await PostgresServer.Instance.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'secret'");
        try
        {
            var wrong = $"Wr0ng-{Guid.NewGuid():N}"[..18];

            var result = await _sandbox.RunAsync("db", "upgrade", "--database", PostgresServer.Instance.UrlFor(db.Name, role, wrong));

            result.ShouldExitWith(1);
            Assert.Equal("", result.StdOut);
            Assert.Contains($"Cannot use the database postgresql://{role}@127.0.0.1:{PostgresServer.Instance.Port}/{db.Name}", result.StdErr, StringComparison.Ordinal);
            Assert.Contains($"the server refused the password for user '{role}'", result.StdErr, StringComparison.Ordinal);
            var log = await File.ReadAllTextAsync(_sandbox.LogPath);
            foreach (var output in new[] { result.StdOut, result.StdErr, log })
                Assert.DoesNotContain(wrong, output, StringComparison.Ordinal);
            Assert.Empty(await db.TablesAsync());

            // The right password gets in: it was the password, nothing else.
            var right = await _sandbox.RunAsync("db", "current", "--database", PostgresServer.Instance.UrlFor(db.Name, role, "secret"));
            right.ShouldExitWith(0);
            Assert.Equal<string>(["base (no revision recorded)"], right.OutLines);
            Assert.DoesNotContain("secret", await File.ReadAllTextAsync(_sandbox.LogPath), StringComparison.Ordinal);
        }
        finally
        {
            await PostgresServer.Instance.ExecuteAsync($"DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task Missing_database_exits_1_shows_how_to_create_it_and_creates_nothing()
    {
        var name = $"tt_missing_{Guid.NewGuid():N}"[..24];
        var server = PostgresServer.Instance;

        var result = await _sandbox.RunAsync("db", "upgrade", "--database", server.UrlFor(name));

        result.ShouldExitWith(1);
        Assert.Equal("", result.StdOut);
        Assert.Contains($"the database '{name}' does not exist on 127.0.0.1:{server.Port}", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"createdb -h 127.0.0.1 -p {server.Port} -U {server.AdminUser} {name}", result.StdErr, StringComparison.Ordinal);
        Assert.Contains($"CREATE DATABASE \"{name}\";", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
    }

    [Fact]
    public async Task Role_without_create_permission_on_schema_public_exits_1_and_changes_nothing()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.ExecuteAsync(FlaskMigrateSchema.At017);
        var before = await db.StateAsync();
        var role = $"reader_{Guid.NewGuid():N}"[..20];
        // PostgreSQL 15: only the database owner may create in public; this role may connect and read.
        await PostgresServer.Instance.ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'");
        try
        {
            await db.ExecuteAsync($"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}");
            var url = PostgresServer.Instance.UrlFor(db.Name, role, $"pw-{role}");

            var current = await _sandbox.RunAsync("db", "current", "--database", url);
            var result = await _sandbox.RunAsync("db", "upgrade", "--database", url);

            current.ShouldExitWith(0);
            Assert.Equal<string>(["017"], current.OutLines);
            result.ShouldExitWith(1);
            Assert.Equal("", result.StdOut);
            Assert.Contains($"Cannot use the database postgresql://{role}@127.0.0.1:{PostgresServer.Instance.Port}/{db.Name}", result.StdErr, StringComparison.Ordinal);
            Assert.Contains("permission denied for schema public", result.StdErr, StringComparison.Ordinal);
            Assert.Contains("SQLSTATE 42501", result.StdErr, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", result.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain($"pw-{role}", result.StdErr, StringComparison.Ordinal);
            Assert.Equal(before, await db.StateAsync());
        }
        finally
        {
            // The role's privileges live in the database: it goes first.
            await db.DisposeAsync();
            await PostgresServer.Instance.ExecuteAsync($"DROP ROLE {role}");
        }
    }

    [Fact]
    public async Task Lock_held_by_another_session_times_out_with_exit_1_after_saying_who_holds_it()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.UpgradeAsync("010");
        var before = await db.StateAsync();
        await using var holder = await db.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({LockClassKey}, {LockObjectKey})", holder))
            await take.ExecuteNonQueryAsync();
        await using var pidCommand = new NpgsqlCommand("SELECT pg_backend_pid()", holder);
        var holderPid = (int)(await pidCommand.ExecuteScalarAsync())!;

        var result = await _sandbox.RunAsync("db", "upgrade", "--lock-timeout", "1", "--database", db.Url);

        result.ShouldExitWith(1);
        Assert.Equal("", result.StdOut);
        var lines = result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"Waiting for the migration lock (up to 1 s): server process {holderPid} (user {PostgresServer.Instance.AdminUser} from 127.0.0.1, connected ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("error: Another migration run holds the lock advisory lock (1463900493, 1) on ", lines[1], StringComparison.Ordinal);
        Assert.Contains($"held by server process {holderPid} ", lines[1], StringComparison.Ordinal);
        Assert.Contains("gave up after waiting 1 s", lines[1], StringComparison.Ordinal);
        Assert.Contains("--lock-timeout", lines[1], StringComparison.Ordinal);
        Assert.Equal(before, await db.StateAsync());
        Assert.Equal<string>(["010"], await db.VersionsAsync());
    }

    [Theory]
    [InlineData("postgresql://u@h:notaport/db", "'notaport' is not a port number")]
    [InlineData("postgresql://u@h:70000/db", "'70000' is not a port number")]
    [InlineData("postgresql://u:pw-hidden@h:5432/db?frobnicate=1", "the query option 'frobnicate' is not understood")]
    [InlineData("postgresql://u@[::1/db", "an IPv6 host is missing its closing ']'")]
    [InlineData("postgresql:///db", "it names no host")]
    public async Task Malformed_postgres_url_exits_2_before_connecting(string url, string reason)
    {
        var result = await _sandbox.RunAsync("db", "upgrade", "--database", url);

        result.ShouldExitWith(2);
        Assert.Equal("", result.StdOut);
        Assert.Contains("is malformed: " + reason, result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-hidden", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(_sandbox.DatabaseFiles());
    }

    [Fact]
    public async Task Version_table_without_version_num_exits_1_and_changes_nothing()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.ExecuteAsync("CREATE TABLE alembic_version (version varchar(32) NOT NULL PRIMARY KEY); INSERT INTO alembic_version VALUES ('017');");
        var before = await db.StateAsync();

        var result = await _sandbox.RunAsync("db", "upgrade", "--database", db.Url);

        result.ShouldExitWith(1);
        Assert.Equal("", result.StdOut);
        Assert.Contains("The version table 'alembic_version' is not as expected: it has no version_num column (columns: version)", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("'db stamp'", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await db.StateAsync());
    }

    [Fact]
    public async Task Version_table_without_a_key_holding_017_twice_fails_the_version_update_and_rolls_018_back()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.UpgradeAsync("017");
        await db.ExecuteAsync("ALTER TABLE alembic_version DROP CONSTRAINT alembic_version_pkc; INSERT INTO alembic_version VALUES ('017');");
        var before = await db.StateAsync();

        var result = await _sandbox.RunAsync("db", "upgrade", "--database", db.Url);

        result.ShouldExitWith(1);
        Assert.DoesNotContain("Upgraded", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("The version table 'alembic_version' is not as expected", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("changed 2 rows instead of 1", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await db.StateAsync());
        Assert.DoesNotContain("organizations", await db.TablesAsync());
    }

    [Theory]
    [InlineData("CREATE TABLE alembic_version (version_num integer NOT NULL); INSERT INTO alembic_version VALUES (17);")]
    [InlineData("CREATE TABLE alembic_version (version_num varchar(32)); INSERT INTO alembic_version VALUES (NULL);")]
    public async Task Version_table_with_a_non_text_or_null_version_num_exits_1_with_a_clear_message_and_changes_nothing(string shape)
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await db.ExecuteAsync(shape);
        var before = await db.StateAsync();

        var result = await _sandbox.RunAsync("db", "upgrade", "--database", db.Url);

        result.ShouldExitWith(1);
        Assert.Equal("", result.StdOut);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("The version table 'alembic_version' is not as expected", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(before, await db.StateAsync());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.Instance.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }
}
