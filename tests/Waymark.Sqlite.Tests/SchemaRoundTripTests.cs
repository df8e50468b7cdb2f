using Waymark.Schema;
using Waymark.Sqlite.Tests.Support;
using Waymark.Testing;
using Waymark.Testing.Scenarios;

namespace Waymark.Sqlite.Tests;

public sealed class SqliteSchemaRoundTripTests : SchemaRoundTripScenarios
{
    protected override string UsersAgeCheckAsRead => "age IS NULL OR age >= 0";

    protected override string ProductsSkuCheckAsRead => "sku <> ''";

    protected override string PartialIndexFilter => "flagged = 1";

    private TempDatabase FreshFile => (TempDatabase)Fresh;

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TempDatabase.CreateAsync();

    [Fact]
    public async Task Names_written_by_hand_or_by_sqlalchemy_are_recovered_and_unnamed_constraints_read_as_null()
    {
        FreshFile.Execute("""
            CREATE TABLE parents (id INTEGER NOT NULL, code VARCHAR(10), CONSTRAINT pk_parents PRIMARY KEY (id), CONSTRAINT uq_parents_code UNIQUE (code));
            CREATE TABLE children (
                id INTEGER NOT NULL PRIMARY KEY,
                parent_id INTEGER,
                other_id INTEGER REFERENCES parents (id),
                qty INTEGER,
                label TEXT UNIQUE,
                CONSTRAINT fk_children_parent_id FOREIGN KEY(parent_id) REFERENCES parents (id) ON DELETE SET NULL,
                CONSTRAINT [ck_children_qty] CHECK (qty > (0))
            );
            """);

        var schema = await Fresh.ReadSchemaAsync();

        var parents = schema.GetTable("parents");
        Assert.Equal(new PrimaryKeyDefinition("pk_parents", ["id"]), parents.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_parents_code", ["code"])], parents.UniqueConstraints);
        var children = schema.GetTable("children");
        Assert.Equal(new PrimaryKeyDefinition(null, ["id"]), children.PrimaryKey);
        Assert.False(children.GetColumn("id").Identity);
        Assert.Equal(
            [
                new ForeignKeyDefinition(null, ["other_id"], "parents", ["id"]),
                new ForeignKeyDefinition("fk_children_parent_id", ["parent_id"], "parents", ["id"], ReferentialAction.SetNull),
            ],
            children.ForeignKeys);
        Assert.Equal([new UniqueConstraintDefinition(null, ["label"])], children.UniqueConstraints);
        Assert.Equal([new CheckConstraintDefinition("ck_children_qty", "qty > (0)")], children.CheckConstraints);
    }

    [Fact]
    public async Task A_table_created_by_a_migration_reads_back_as_its_definition_apart_from_native_types()
    {
        await Fresh.Migrator(FreshChain()).UpgradeAsync("head", CancellationToken.None);

        var posts = (await Fresh.ReadSchemaAsync()).GetTable("posts");

        Assert.Equal(
            [
                new ColumnDefinition("id", ColumnType.Native("INTEGER"), Nullable: false, Identity: true),
                new ColumnDefinition("user_id", ColumnType.Native("INTEGER")),
                new ColumnDefinition("body", ColumnType.Native("TEXT"), Nullable: false, Default: DefaultValue.FromSql("''")),
                new ColumnDefinition("score", ColumnType.Native("INTEGER"), Default: DefaultValue.FromSql("-1")),
            ],
            posts.Columns);
    }

    [Fact]
    public async Task An_integer_primary_key_declared_without_not_null_is_the_rowid_alias_and_reads_as_not_null_while_other_keys_do_not()
    {
        FreshFile.Execute("""
            CREATE TABLE organizations (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255));
            CREATE TABLE plain (id integer PRIMARY KEY, name TEXT);
            CREATE TABLE coded (code TEXT PRIMARY KEY, big BIGINT);
            CREATE TABLE pairs (a INTEGER, b INTEGER, PRIMARY KEY (a, b));
            """);

        var schema = await Fresh.ReadSchemaAsync();

        Assert.Equal(new ColumnDefinition("id", ColumnType.Native("INTEGER"), Nullable: false, Identity: true), schema.GetTable("organizations").GetColumn("id"));
        Assert.False(schema.GetTable("plain").GetColumn("id").Nullable);
        Assert.True(schema.GetTable("organizations").GetColumn("name").Nullable);
        // Only the rowid alias is never NULL: SQLite lets other key columns of a rowid table hold NULL.
        Assert.True(schema.GetTable("coded").GetColumn("code").Nullable);
        Assert.True(schema.GetTable("pairs").GetColumn("a").Nullable);
    }
}
