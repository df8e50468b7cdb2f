using Npgsql;
using Waymark.Execution;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Postgres.Tests.Support.Chain;

namespace Waymark.Postgres.Tests;

public sealed class AtomicityTests : DatabaseTest
{
    private static Revision CreateUsers() => Rev("r1", null, m => m.CreateTable("users", t =>
    {
        t.Id();
        t.String("name", 100);
    }), m => m.DropTable("users"));

    [Fact]
    public async Task A_migration_whose_second_statement_fails_leaves_the_database_at_the_previous_revision()
    {
        var failing = Rev("r2", "r1", m => m
            .CreateTable("audit", t =>
            {
                t.Id();
                t.Text("what");
            })
            .Sql("SELECT * FROM no_such_table"));
        var never = Rev("r3", "r2", m => m.CreateTable("never", t => t.Id()));
        var migrator = Db.Migrator(CreateUsers(), failing, never);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.Equal(["r1"], await Db.VersionRowsAsync());
        Assert.Equal(["r1"], await migrator.GetCurrentAsync(CancellationToken.None));
        Assert.False(await Db.TableExistsAsync("audit"), "transactional DDL: the CREATE TABLE is rolled back with the rest");
        Assert.False(await Db.TableExistsAsync("never"));
        Assert.True(await Db.TableExistsAsync("users"));
        Assert.Equal(["r1|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM waymark_history"));
        Assert.True(error.RolledBack);
        Assert.Equal("r2", error.RevisionId);
        Assert.Equal("SELECT * FROM no_such_table", error.Statement);
        var postgres = Assert.IsType<PostgresException>(error.InnerException);
        Assert.Equal(PostgresErrorCodes.UndefinedTable, postgres.SqlState);
    }

    [Fact]
    public async Task A_failed_migration_message_names_the_revision_the_file_the_statement_and_the_sqlstate()
    {
        var failing = Rev("r2", "r1", m => m
            .CreateTable("audit", t => t.Id())
            .Sql("SELECT * FROM no_such_table"));
        var migrator = Db.Migrator(CreateUsers(), failing);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.Contains("Upgrade to revision r2", error.Message, StringComparison.Ordinal);
        Assert.Contains("r2_migration.cs", error.Message, StringComparison.Ordinal);
        Assert.Contains("file: /src/app/Migrations/r2_migration.cs", error.Message, StringComparison.Ordinal);
        Assert.Contains("statement: SELECT * FROM no_such_table", error.Message, StringComparison.Ordinal);
        Assert.Contains("relation \"no_such_table\" does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("[SQLSTATE 42P01]", error.Message, StringComparison.Ordinal);
        Assert.Contains("rolled back", error.Message, StringComparison.Ordinal);
        Assert.Contains("still at r1", error.Message, StringComparison.Ordinal);
        Assert.Equal("/src/app/Migrations/r2_migration.cs", error.SourceFile);
    }

    [Fact]
    public async Task A_failing_first_migration_leaves_the_database_at_base()
    {
        var failing = Rev("r1", null, m => m
            .CreateTable("users", t => t.Id())
            .Sql("INSERT INTO users (id) VALUES (1)")
            .Sql("SELECT * FROM no_such_table"));
        var migrator = Db.Migrator(failing);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Contains("still at base", error.Message, StringComparison.Ordinal);
        Assert.Empty(await migrator.GetCurrentAsync(CancellationToken.None));
        Assert.False(await Db.TableExistsAsync("users"));
        Assert.False(await Db.TableExistsAsync("waymark_history"), "the bookkeeping tables are created in the first step's transaction");
        Assert.False(await Db.TableExistsAsync("alembic_version"));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_its_data_changes_and_its_alters_too()
    {
        await Db.Migrator(CreateUsers()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO users (name) VALUES ('ann'), ('bob')");
        var failing = Rev("r2", "r1", m => m
            .Execute("UPDATE users SET name = upper(name)")
            .AddColumn("users", "email", ColumnType.String(200))
            .DropColumn("users", "name")
            .Sql("SELECT * FROM no_such_table"));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(CreateUsers(), failing).UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Equal(["1|ann", "2|bob"], await Db.RowsAsync("SELECT id, name FROM users ORDER BY id"));
        Assert.Equal(["id", "name"], (await Db.ReadTableAsync("users")).Columns.Select(c => c.Name));
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task An_alter_that_breaks_a_constraint_fails_naming_its_statement_and_the_sqlstate_and_keeps_the_table()
    {
        await Db.Migrator(CreateUsers()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO users (name) VALUES ('ann'), (NULL)");
        var notNull = Rev("r2", "r1", m => m.AlterColumn("users", "name", nullable: false));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(CreateUsers(), notNull).UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Equal("ALTER TABLE \"users\" ALTER COLUMN \"name\" SET NOT NULL", error.Statement);
        Assert.Contains("[SQLSTATE 23502]", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1|ann", "2|NULL"], await Db.RowsAsync("SELECT id, name FROM users ORDER BY id"));
        Assert.True((await Db.ReadTableAsync("users")).GetColumn("name").Nullable);
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task A_migration_that_fails_after_several_steps_keeps_the_steps_that_completed()
    {
        var revisions = new[]
        {
            CreateUsers(),
            Rev("r2", "r1", m => m.CreateTable("posts", t => t.Id())),
            Rev("r3", "r2", m => m.CreateTable("tags", t => t.Id()).Sql("SELECT 1 / 0")),
        };

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None));

        Assert.Equal("r3", error.RevisionId);
        Assert.Contains("[SQLSTATE 22012]", error.Message, StringComparison.Ordinal);
        Assert.Contains("still at r2", error.Message, StringComparison.Ordinal);
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
        Assert.True(await Db.TableExistsAsync("posts"));
        Assert.False(await Db.TableExistsAsync("tags"));
        Assert.Equal(["r1", "r2"], await Db.RowsAsync("SELECT revision FROM waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task A_failed_downgrade_is_rolled_back_and_keeps_the_revision()
    {
        var revisions = new[]
        {
            CreateUsers(),
            Rev("r2", "r1", m => m.CreateTable("posts", t => t.Id()), m => m.DropTable("posts").Sql("SELECT * FROM no_such_table")),
        };
        await Db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(revisions).DowngradeAsync("-1", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Contains("Downgrade of revision r2", error.Message, StringComparison.Ordinal);
        Assert.Contains("[SQLSTATE 42P01]", error.Message, StringComparison.Ordinal);
        Assert.True(await Db.TableExistsAsync("posts"));
        Assert.Equal(["r2"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task An_upgrade_whose_tables_already_exist_stops_before_changing_anything_and_points_to_the_doctor()
    {
        await Db.ExecuteAsync("CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100))");

        var error = await Assert.ThrowsAsync<SchemaObjectsExistException>(() => Db.Migrator(CreateUsers()).UpgradeAsync("head", CancellationToken.None));

        Assert.Equal("r1", error.RevisionId);
        Assert.Equal(["table users"], error.Objects);
        Assert.Contains("version record (base) is probably behind the schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing of r1 was run", error.Message, StringComparison.Ordinal);
        Assert.Contains("db doctor", error.Message, StringComparison.Ordinal);
        Assert.False(await Db.TableExistsAsync("alembic_version"), "a refused first migration leaves no bookkeeping behind");
    }

    [Fact]
    public async Task A_raw_sql_migration_that_fails_because_its_table_already_exists_hints_that_the_version_record_is_behind()
    {
        await Db.ExecuteAsync("CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100))");
        var rawCreate = Rev("r1", null, m => m.Sql("CREATE TABLE users (id bigint PRIMARY KEY)"), m => m.DropTable("users"));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(rawCreate).UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Contains("[SQLSTATE 42P07]", error.Message, StringComparison.Ordinal);
        Assert.Contains("version record (base) is probably behind the schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("db stamp r1", error.Message, StringComparison.Ordinal);
    }
}
