using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>A failing migration leaves the database as it was, as every dialect must ensure.</summary>
public abstract class AtomicityScenarios : DialectScenarios
{
    /// <summary>Asserts that the driver's exception is the dialect's "no such table" error.</summary>
    protected abstract void AssertMissingTableError(Exception? inner);

    /// <summary>What a failure message says of a missing table <c>no_such_table</c> on this dialect.</summary>
    protected abstract IReadOnlyList<string> MissingTableMessageParts { get; }

    /// <summary>Asserts which statement fails when users.name becomes NOT NULL over a NULL row.</summary>
    protected abstract void AssertNotNullFailureStatement(string? statement);

    /// <summary>What a failure message says of a NOT NULL violation on this dialect.</summary>
    protected abstract string NotNullViolationMessagePart { get; }

    /// <summary>What a failure message says of a CREATE TABLE whose table exists on this dialect.</summary>
    protected abstract string TableExistsMessagePart { get; }

    protected static Revision CreateUsers() => Rev("r1", null, m => m.CreateTable("users", t =>
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
        AssertMissingTableError(error.InnerException);
    }

    [Fact]
    public async Task A_failed_migration_message_names_the_revision_the_file_the_statement_and_the_database_error()
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
        Assert.All(MissingTableMessageParts, part => Assert.Contains(part, error.Message, StringComparison.Ordinal));
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
    public async Task A_failing_migration_rolls_back_its_data_changes_and_its_schema_changes_too()
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
        Assert.Equal(["alembic_version", "users", "waymark_history"], await Db.AllTablesAsync());
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
    }

    [Fact]
    public async Task A_change_that_breaks_a_constraint_fails_naming_its_statement_and_the_database_error_and_keeps_the_table()
    {
        await Db.Migrator(CreateUsers()).UpgradeAsync("head", CancellationToken.None);
        await Db.ExecuteAsync("INSERT INTO users (name) VALUES ('ann'), (NULL)");
        var notNull = Rev("r2", "r1", m => m.AlterColumn("users", "name", nullable: false));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => Db.Migrator(CreateUsers(), notNull).UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        AssertNotNullFailureStatement(error.Statement);
        Assert.Contains(NotNullViolationMessagePart, error.Message, StringComparison.Ordinal);
        Assert.Equal(["1|ann", "2|NULL"], await Db.RowsAsync("SELECT id, name FROM users ORDER BY id"));
        Assert.True((await Db.ReadTableAsync("users")).GetColumn("name").Nullable);
        Assert.Equal(["alembic_version", "users", "waymark_history"], await Db.AllTablesAsync());
        Assert.Equal(["r1"], await Db.VersionRowsAsync());
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
        Assert.All(MissingTableMessageParts, part => Assert.Contains(part, error.Message, StringComparison.Ordinal));
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
        Assert.Contains(TableExistsMessagePart, error.Message, StringComparison.Ordinal);
        Assert.Contains("version record (base) is probably behind the schema", error.Message, StringComparison.Ordinal);
        Assert.Contains("db stamp r1", error.Message, StringComparison.Ordinal);
    }
}
