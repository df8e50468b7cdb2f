using Waymark.Testing;
using Waymark.Operations;
using Waymark.Revisions;
using Waymark.Schema;
using Waymark.Sqlite.Tests.Support;
using static Waymark.Testing.Chain;

namespace Waymark.Sqlite.Tests;

public sealed class SchemaRoundTripTests : IDisposable
{
    private static readonly string[] Bookkeeping = ["alembic_version", "waymark_history"];

    private readonly TempDatabase _evolved = new();
    private readonly TempDatabase _fresh = new();

    public void Dispose()
    {
        _evolved.Dispose();
        _fresh.Dispose();
    }

    /// <summary>users, posts and products built up over several revisions, most of which rebuild a table.</summary>
    private static Revision[] EvolvedChain() =>
    [
        Rev("e1", null, m => m
            .CreateTable("users", t =>
            {
                t.Id();
                t.String("name", 100).NotNull();
                t.String("legacy_code", 10).Unique();
                t.Int("age");
                t.String("nickname", 50).Indexed();
            })
            .CreateTable("posts", t =>
            {
                t.Id();
                t.BigInt("user_id");
                t.Text("body");
                t.Int("score").Default(-1);
            })
            .CreateTable("products", t =>
            {
                t.Id();
                t.Money("price", 10, 2).NotNull();
                t.String("sku", 20);
                t.Text("notes");
                t.Check("ck_products_sku", "sku <> ''");
            })),
        Rev("e2", "e1", m => m
            .DropColumn("users", "legacy_code")
            .AddColumn("users", "email", ColumnType.String(200))
            .AddUniqueConstraint("users", ["email"])
            .AlterColumn("users", "nickname", nullable: false, defaultValue: "anon")
            .AddCheckConstraint("users", "ck_users_age", "age IS NULL OR age >= 0")),
        Rev("e3", "e2", m => m
            .AddForeignKey("posts", "user_id", "users", onDelete: ReferentialAction.Cascade)
            .AlterColumn("posts", "body", nullable: false, defaultValue: "")
            .CreateIndex("posts", ["user_id", "score"])),
        Rev("e4", "e3", m => m
            .RenameColumn("products", "price", "amount")
            .DropColumn("products", "notes")
            .AddUniqueConstraint("products", ["sku"])
            .AlterColumn("users", "age", type: ColumnType.Money(5, 0))),
    ];

    /// <summary>The same final schema, created in one go.</summary>
    private static Revision FreshChain() => Rev("f1", null, m => m
        .CreateTable("users", t =>
        {
            t.Id();
            t.String("name", 100).NotNull();
            t.Money("age", 5, 0);
            t.String("nickname", 50).NotNull().Default("anon").Indexed();
            t.String("email", 200).Unique();
            t.Check("ck_users_age", "age IS NULL OR age >= 0");
        })
        .CreateTable("posts", t =>
        {
            t.Id();
            t.References("user_id", "users", ReferentialAction.Cascade);
            t.Text("body").NotNull().Default("");
            t.Int("score").Default(-1);
            t.Index(["user_id", "score"]);
        })
        .CreateTable("products", t =>
        {
            t.Id();
            t.Money("amount", 10, 2).NotNull();
            t.String("sku", 20).Unique();
            t.Check("ck_products_sku", "sku <> ''");
        }));

    [Fact]
    public async Task After_rebuilds_the_schema_reads_the_same_as_a_table_created_fresh_with_the_final_definition()
    {
        await _evolved.Migrator(EvolvedChain()).UpgradeAsync("head", CancellationToken.None);
        await _fresh.Migrator(FreshChain()).UpgradeAsync("head", CancellationToken.None);

        var evolved = (await _evolved.ReadSchemaAsync()).Without(Bookkeeping);
        var fresh = (await _fresh.ReadSchemaAsync()).Without(Bookkeeping);

        Assert.Equal(fresh.ToString(), evolved.ToString());
        Assert.Equal(fresh, evolved);
        Assert.Empty(_evolved.LeftoverRebuildTables());
    }

    [Fact]
    public async Task Constraint_names_are_recovered_from_the_ddl_after_rebuilds()
    {
        await _evolved.Migrator(EvolvedChain()).UpgradeAsync("head", CancellationToken.None);

        var schema = await _evolved.ReadSchemaAsync();

        var users = schema.GetTable("users");
        Assert.Equal(new PrimaryKeyDefinition("pk_users", ["id"]), users.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_users_email", ["email"])], users.UniqueConstraints);
        Assert.Equal([new CheckConstraintDefinition("ck_users_age", "age IS NULL OR age >= 0")], users.CheckConstraints);
        Assert.Equal(["ix_users_nickname"], users.Indexes.Select(i => i.Name));
        var posts = schema.GetTable("posts");
        Assert.Equal(new PrimaryKeyDefinition("pk_posts", ["id"]), posts.PrimaryKey);
        Assert.Equal([new ForeignKeyDefinition("fk_posts_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)], posts.ForeignKeys);
        Assert.Equal([new IndexDefinition("ix_posts_user_id_score", "posts", ["user_id", "score"])], posts.Indexes);
        var products = schema.GetTable("products");
        Assert.Equal(new PrimaryKeyDefinition("pk_products", ["id"]), products.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_products_sku", ["sku"])], products.UniqueConstraints);
        Assert.Equal([new CheckConstraintDefinition("ck_products_sku", "sku <> ''")], products.CheckConstraints);
    }

    [Fact]
    public async Task Composite_keys_and_partial_indexes_survive_a_rebuild_with_their_names()
    {
        var create = Rev("c1", null, m => m
            .CreateTable("accounts", t =>
            {
                t.Int("region").NotNull();
                t.Int("number").NotNull();
                t.Text("owner");
                t.PrimaryKey("region", "number");
            })
            .CreateTable("transfers", t =>
            {
                t.Id();
                t.Int("region").NotNull();
                t.Int("number").NotNull();
                t.Money("amount", 12, 2).NotNull();
                t.Bool("flagged").NotNull().Default(false);
                t.Text("memo");
                t.Index(["amount"], name: "ix_transfers_flagged_amount", filter: "flagged = 1");
            })
            .Add(new AddForeignKey("transfers", new ForeignKeyDefinition("fk_transfers_account", ["region", "number"], "accounts", ["region", "number"], ReferentialAction.Restrict))));
        var rebuild = Rev("c2", "c1", m => m.DropColumn("transfers", "memo").DropColumn("accounts", "owner"));
        var fresh = Rev("c1", null, m => m
            .CreateTable("accounts", t =>
            {
                t.Int("region").NotNull();
                t.Int("number").NotNull();
                t.PrimaryKey("region", "number");
            })
            .CreateTable("transfers", t =>
            {
                t.Id();
                t.Int("region").NotNull();
                t.Int("number").NotNull();
                t.Money("amount", 12, 2).NotNull();
                t.Bool("flagged").NotNull().Default(false);
                t.Index(["amount"], name: "ix_transfers_flagged_amount", filter: "flagged = 1");
            })
            .Add(new AddForeignKey("transfers", new ForeignKeyDefinition("fk_transfers_account", ["region", "number"], "accounts", ["region", "number"], ReferentialAction.Restrict))));
        await _evolved.Migrator(create, rebuild).UpgradeAsync("head", CancellationToken.None);
        await _fresh.Migrator(fresh).UpgradeAsync("head", CancellationToken.None);

        var evolved = (await _evolved.ReadSchemaAsync()).Without(Bookkeeping);

        Assert.Equal((await _fresh.ReadSchemaAsync()).Without(Bookkeeping).ToString(), evolved.ToString());
        var transfers = evolved.GetTable("transfers");
        Assert.Equal([new ForeignKeyDefinition("fk_transfers_account", ["region", "number"], "accounts", ["region", "number"], ReferentialAction.Restrict)], transfers.ForeignKeys);
        Assert.Equal([new IndexDefinition("ix_transfers_flagged_amount", "transfers", ["amount"], Filter: "flagged = 1")], transfers.Indexes);
        Assert.Equal(new PrimaryKeyDefinition("pk_accounts", ["region", "number"]), evolved.GetTable("accounts").PrimaryKey);
    }

    [Fact]
    public async Task Names_written_by_hand_or_by_sqlalchemy_are_recovered_and_unnamed_constraints_read_as_null()
    {
        _fresh.Execute("""
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

        var schema = await _fresh.ReadSchemaAsync();

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
        await _fresh.Migrator(FreshChain()).UpgradeAsync("head", CancellationToken.None);

        var posts = (await _fresh.ReadSchemaAsync()).GetTable("posts");

        Assert.Equal(
            [
                new ColumnDefinition("id", ColumnType.Native("INTEGER"), Nullable: false, Identity: true),
                new ColumnDefinition("user_id", ColumnType.Native("INTEGER")),
                new ColumnDefinition("body", ColumnType.Native("TEXT"), Nullable: false, Default: DefaultValue.FromSql("''")),
                new ColumnDefinition("score", ColumnType.Native("INTEGER"), Default: DefaultValue.FromSql("-1")),
            ],
            posts.Columns);
    }
}
