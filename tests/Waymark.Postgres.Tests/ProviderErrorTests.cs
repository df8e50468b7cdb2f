using System.Net;
using System.Net.Sockets;
using Npgsql;
using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Testing;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

public sealed class ProviderErrorTests : DatabaseTest
{
    private readonly List<string> _roles = [];

    private static PostgresServer Server => PostgresServer.Instance;

    private static Revision[] Revisions() =>
    [
        Rev("r1", null, m => m.CreateTable("users", t =>
        {
            t.Id();
            t.String("name", 100);
        })),
        Rev("r2", "r1", m => m.DropColumn("users", "name")),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var role in _roles)
            await Server.ExecuteAsync($"DROP ROLE IF EXISTS \"{role}\"");
    }

    /// <summary>A login role of this test's own (roles are shared by the whole cluster); signs in with a password.</summary>
    private async Task<string> CreateRoleAsync(string prefix, string password)
    {
        var role = $"{prefix}_{Guid.NewGuid():N}"[..24];
        await Server.ExecuteAsync($"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}'");
        _roles.Add(role);
        return role;
    }

    private static Migrator MigratorFor(string connectionString) =>
        new(new RevisionGraph(Revisions()), new PostgresDatabaseProvider(connectionString), TestDatabase.Options);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_unavailable_with_a_message_that_says_so_and_no_password()
    {
        var port = FreePort();
        var migrator = MigratorFor($"Host=127.0.0.1;Port={port};Database=appdb;Username=app;Password=n0t-shown;Timeout=5;Pooling=false");

        var upgrade = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.UpgradeAsync("head", CancellationToken.None));
        var current = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.GetCurrentAsync(CancellationToken.None));
        var stamp = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.StampAsync("head", CancellationToken.None));

        Assert.Contains($"cannot reach a PostgreSQL server at 127.0.0.1:{port}", upgrade.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionRefused", upgrade.Message, StringComparison.Ordinal);
        Assert.Contains("Is it running and listening there?", upgrade.Message, StringComparison.Ordinal);
        Assert.Equal($"postgresql://app@127.0.0.1:{port}/appdb", upgrade.Database);
        Assert.All(new[] { upgrade, current, stamp }, e =>
        {
            Assert.Contains("cannot reach", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("n0t-shown", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_that_says_so_and_never_shows_the_password()
    {
        var role = await CreateRoleAsync("app", "secret");
        var migrator = MigratorFor(Server.ConnectionStringFor(Db.Name, role, "Wr0ng-pa55word"));

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.Contains($"the server refused the password for user '{role}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"postgresql://{role}@127.0.0.1:{Server.Port}/{Db.Name}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Wr0ng-pa55word", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.InvalidPassword, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        // The right password gets in (and reads an empty version record).
        Assert.Empty(await MigratorFor(Server.ConnectionStringFor(Db.Name, role, "secret")).GetCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_role_that_may_not_read_the_version_table_is_told_so_by_current()
    {
        await MigratorFor(Db.ConnectionString).UpgradeAsync("head", CancellationToken.None);
        var role = await CreateRoleAsync("reader", "secret");

        var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            MigratorFor(Server.ConnectionStringFor(Db.Name, role, "secret")).GetCurrentAsync(CancellationToken.None));

        Assert.Contains("42501", refused.Message, StringComparison.Ordinal);
        Assert.EndsWith($"Check that this user may read {TestDatabase.Options.VersionTable}.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_table_that_cannot_be_read_for_another_reason_gives_the_database_s_reason_without_a_privilege_hint()
    {
        await MigratorFor(Db.ConnectionString).UpgradeAsync("head", CancellationToken.None);
        // Held by another session, the table makes the read wait past this connection's statement timeout.
        await using var holder = new NpgsqlConnection(Db.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand($"LOCK TABLE {TestDatabase.Options.VersionTable} IN ACCESS EXCLUSIVE MODE", holder, hold))
            await command.ExecuteNonQueryAsync();
        var impatient = new NpgsqlConnectionStringBuilder(Db.ConnectionString) { Options = "-c statement_timeout=300" }.ConnectionString;

        var refused = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => MigratorFor(impatient).GetCurrentAsync(CancellationToken.None));

        Assert.Contains("57014", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("may read", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_is_named_with_the_createdb_command_to_make_it()
    {
        var name = $"missing_{Guid.NewGuid():N}"[..20];
        var migrator = MigratorFor(Server.ConnectionStringFor(name));

        var upgrade = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.UpgradeAsync("head", CancellationToken.None));
        var current = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => migrator.GetCurrentAsync(CancellationToken.None));

        Assert.Contains($"the database '{name}' does not exist on 127.0.0.1:{Server.Port}", upgrade.Message, StringComparison.Ordinal);
        Assert.Contains($"createdb -h 127.0.0.1 -p {Server.Port} -U {Server.AdminUser} {name}", upgrade.Message, StringComparison.Ordinal);
        Assert.Contains($"CREATE DATABASE \"{name}\"", upgrade.Message, StringComparison.Ordinal);
        Assert.Equal(upgrade.Message, current.Message);
        Assert.Equal(0, await Db.ScalarAsync($"SELECT count(*) FROM pg_database WHERE datname = '{name}'"));
    }

    [Fact]
    public async Task A_role_without_create_on_schema_public_cannot_upgrade_and_is_told_why_with_nothing_created()
    {
        var role = await CreateRoleAsync("app2", "x");
        var migrator = MigratorFor(Server.ConnectionStringFor(Db.Name, role, "x"));

        var upgrade = await Assert.ThrowsAnyAsync<WaymarkException>(() => migrator.UpgradeAsync("head", CancellationToken.None));
        var stamp = await Assert.ThrowsAnyAsync<WaymarkException>(() => migrator.StampAsync("r1", CancellationToken.None));

        Assert.All(new[] { upgrade, stamp }, e =>
        {
            Assert.Contains("permission denied for schema public", e.Message, StringComparison.Ordinal);
            Assert.Contains("SQLSTATE 42501", e.Message, StringComparison.Ordinal);
            Assert.Contains("may not create tables", e.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was changed", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", e.Message, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Empty(await Db.QualifiedTablesAsync());
        Assert.Empty(await migrator.GetCurrentAsync(CancellationToken.None));

        // Once granted, the same role migrates.
        await Db.ExecuteAsync($"GRANT CREATE ON SCHEMA public TO \"{role}\"");
        await migrator.UpgradeAsync("head", CancellationToken.None);
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.Equal([role], await Db.RowsAsync("SELECT tableowner FROM pg_tables WHERE tablename = 'alembic_version'"));
    }

    [Fact]
    public async Task A_role_that_may_create_the_bookkeeping_but_not_alter_a_table_fails_the_migration_with_42501_and_rolls_back()
    {
        await Db.Migrator(Revisions()[0]).UpgradeAsync("head", CancellationToken.None);
        var role = await CreateRoleAsync("app3", "x");
        await Db.ExecuteAsync($"GRANT CREATE ON SCHEMA public TO \"{role}\"; GRANT SELECT, INSERT, UPDATE, DELETE ON alembic_version, waymark_history TO \"{role}\"");

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() =>
            MigratorFor(Server.ConnectionStringFor(Db.Name, role, "x")).UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Contains("must be owner of table users", error.Message, StringComparison.Ordinal);
        Assert.Contains("[SQLSTATE 42501]", error.Message, StringComparison.Ordinal);
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }
}
