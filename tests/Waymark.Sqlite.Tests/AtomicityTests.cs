using Microsoft.Data.Sqlite;
using Waymark.Execution;
using Waymark.Revisions;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Sqlite.Tests.Support.Chain;

namespace Waymark.Sqlite.Tests;

public sealed class AtomicityTests : IDisposable
{
    private readonly TempDatabase _db = new();

    public void Dispose() => _db.Dispose();

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
        var migrator = _db.Migrator(CreateUsers(), failing, never);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.Equal(["r1"], _db.VersionRows());
        Assert.Equal(["r1"], await migrator.GetCurrentAsync(CancellationToken.None));
        Assert.False(_db.TableExists("audit"));
        Assert.False(_db.TableExists("never"));
        Assert.True(_db.TableExists("users"));
        Assert.Equal(["r1|upgrade"], _db.Rows("SELECT revision, direction FROM waymark_history"));
        Assert.True(error.RolledBack);
        Assert.Equal("r2", error.RevisionId);
        Assert.Equal("SELECT * FROM no_such_table", error.Statement);
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public async Task A_failed_migration_message_names_the_revision_the_file_and_the_failing_statement()
    {
        var failing = Rev("r2", "r1", m => m
            .CreateTable("audit", t => t.Id())
            .Sql("SELECT * FROM no_such_table"));
        var migrator = _db.Migrator(CreateUsers(), failing);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.Contains("r2", error.Message, StringComparison.Ordinal);
        Assert.Contains("r2_migration.cs", error.Message, StringComparison.Ordinal);
        Assert.Contains("/src/app/Migrations/r2_migration.cs", error.Message, StringComparison.Ordinal);
        Assert.Contains("SELECT * FROM no_such_table", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such table", error.Message, StringComparison.Ordinal);
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
        var migrator = _db.Migrator(failing);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => migrator.UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Contains("still at base", error.Message, StringComparison.Ordinal);
        Assert.Empty(await migrator.GetCurrentAsync(CancellationToken.None));
        Assert.False(_db.TableExists("users"));
        Assert.False(_db.TableExists("waymark_history"), "the bookkeeping tables are created in the first step's transaction");
        Assert.False(_db.TableExists("alembic_version"));
    }

    [Fact]
    public async Task A_failing_migration_rolls_back_its_data_changes_and_its_rebuilds_too()
    {
        await _db.Migrator(CreateUsers()).UpgradeAsync("head", CancellationToken.None);
        _db.Execute("INSERT INTO users (name) VALUES ('ann'), ('bob')");
        var failing = Rev("r2", "r1", m => m
            .Execute("UPDATE users SET name = upper(name)")
            .AddColumn("users", "email", Schema.ColumnType.String(200))
            .DropColumn("users", "name")
            .Sql("SELECT * FROM no_such_table"));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => _db.Migrator(CreateUsers(), failing).UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Equal(["1|ann", "2|bob"], _db.Rows("SELECT id, name FROM users ORDER BY id"));
        Assert.Equal(["id", "name"], (await _db.ReadTableAsync("users")).Columns.Select(c => c.Name));
        Assert.Empty(_db.LeftoverRebuildTables());
        Assert.Equal(["r1"], _db.VersionRows());
    }

    [Fact]
    public async Task A_rebuild_that_breaks_a_constraint_fails_naming_its_statement_and_keeps_the_table()
    {
        await _db.Migrator(CreateUsers()).UpgradeAsync("head", CancellationToken.None);
        _db.Execute("INSERT INTO users (name) VALUES ('ann'), (NULL)");
        var notNull = Rev("r2", "r1", m => m.AlterColumn("users", "name", nullable: false));

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => _db.Migrator(CreateUsers(), notNull).UpgradeAsync("head", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.StartsWith("INSERT INTO \"_waymark_rebuild_users\"", error.Statement, StringComparison.Ordinal);
        Assert.Contains("NOT NULL", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1|ann", "2|NULL"], _db.Rows("SELECT id, name FROM users ORDER BY id"));
        Assert.True((await _db.ReadTableAsync("users")).GetColumn("name").Nullable);
        Assert.Empty(_db.LeftoverRebuildTables());
        Assert.Equal(["r1"], _db.VersionRows());
    }

    [Fact]
    public async Task A_failed_downgrade_is_rolled_back_and_keeps_the_revision()
    {
        var revisions = new[]
        {
            CreateUsers(),
            Rev("r2", "r1", m => m.CreateTable("posts", t => t.Id()), m => m.DropTable("posts").Sql("SELECT * FROM no_such_table")),
        };
        await _db.Migrator(revisions).UpgradeAsync("head", CancellationToken.None);

        var error = await Assert.ThrowsAsync<MigrationFailedException>(() => _db.Migrator(revisions).DowngradeAsync("-1", CancellationToken.None));

        Assert.True(error.RolledBack);
        Assert.Contains("Downgrade of revision r2", error.Message, StringComparison.Ordinal);
        Assert.True(_db.TableExists("posts"));
        Assert.Equal(["r2"], _db.VersionRows());
    }
}
