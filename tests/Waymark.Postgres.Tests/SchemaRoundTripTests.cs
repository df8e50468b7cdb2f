using Waymark.Testing;
using Waymark.Operations;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

public sealed class SchemaRoundTripTests : IAsyncLifetime
{
    private static readonly string[] _bookkeeping = ["alembic_version", "waymark_history"];

    private TestDatabase _evolved = null!;
    private TestDatabase _fresh = null!;

    public async Task InitializeAsync()
    {
        var databases = await Task.WhenAll(TestDatabase.CreateAsync(), TestDatabase.CreateAsync());
        (_evolved, _fresh) = (databases[0], databases[1]);
    }

    public async Task DisposeAsync()
    {
        await _evolved.DisposeAsync();
        await _fresh.DisposeAsync();
    }

    /// <summary>users, posts and products built up over several revisions of ALTERs.</summary>
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
    public async Task After_alters_the_schema_reads_the_same_as_tables_created_fresh_with_the_final_definition()
    {
        await _evolved.Migrator(EvolvedChain()).UpgradeAsync("head", CancellationToken.None);
        await _fresh.Migrator(FreshChain()).UpgradeAsync("head", CancellationToken.None);

        var evolved = (await _evolved.ReadSchemaAsync()).Without(_bookkeeping);
        var fresh = (await _fresh.ReadSchemaAsync()).Without(_bookkeeping);

        Assert.Equal(fresh.ToString(), evolved.ToString());
        Assert.Equal(fresh, evolved);
        Assert.Equal(["posts", "products", "users"], evolved.Tables.Select(t => t.Name));
    }

    [Fact]
    public async Task Constraint_and_index_names_follow_the_conventions_after_alters()
    {
        await _evolved.Migrator(EvolvedChain()).UpgradeAsync("head", CancellationToken.None);

        var schema = await _evolved.ReadSchemaAsync();

        var users = schema.GetTable("users");
        Assert.Equal(new PrimaryKeyDefinition("pk_users", ["id"]), users.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_users_email", ["email"])], users.UniqueConstraints);
        Assert.Equal(["ck_users_age"], users.CheckConstraints.Select(c => c.Name));
        Assert.Equal(["ix_users_nickname"], users.Indexes.Select(i => i.Name));
        var posts = schema.GetTable("posts");
        Assert.Equal(new PrimaryKeyDefinition("pk_posts", ["id"]), posts.PrimaryKey);
        Assert.Equal([new ForeignKeyDefinition("fk_posts_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)], posts.ForeignKeys);
        Assert.Equal([new IndexDefinition("ix_posts_user_id_score", "posts", ["user_id", "score"])], posts.Indexes);
        var products = schema.GetTable("products");
        Assert.Equal(new PrimaryKeyDefinition("pk_products", ["id"]), products.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_products_sku", ["sku"])], products.UniqueConstraints);
        Assert.Equal([new CheckConstraintDefinition("ck_products_sku", "((sku)::text <> ''::text)")], products.CheckConstraints);
    }

    [Fact]
    public async Task A_table_built_by_operations_reads_back_with_its_names_native_types_nullability_defaults_and_delete_actions()
    {
        await _fresh.Migrator(Rev("a1", null, m => m
            .CreateTable("owners", t =>
            {
                t.Id();
                t.String("name", 255).NotNull();
            })
            .CreateTable("assets", t =>
            {
                t.Id();
                t.String("title", 255).NotNull().Unique();
                t.Text("notes");
                t.Int("quantity").NotNull().Default(1);
                t.BigInt("serial");
                t.Bool("active").NotNull().Default(true);
                t.Money("price", 10, 2).Default(-1.5m);
                t.Timestamp("created_at").NotNull().DefaultNow();
                t.Date("bought_on");
                t.Json("attributes");
                t.References("owner_id", "owners", ReferentialAction.Cascade).NotNull().Indexed();
                t.References("keeper_id", "owners", ReferentialAction.SetNull);
                t.References("auditor_id", "owners", ReferentialAction.Restrict);
                t.References("buyer_id", "owners");
                t.Check("ck_assets_quantity", "quantity >= 0");
                t.Index(["serial"], unique: true, filter: "serial IS NOT NULL");
            }))).UpgradeAsync("head", CancellationToken.None);

        var assets = await _fresh.ReadTableAsync("assets");

        Assert.Equal("assets", assets.Name);
        Assert.Equal(
            [
                new ColumnDefinition("id", ColumnType.Native("bigint"), Nullable: false, Identity: true),
                new ColumnDefinition("title", ColumnType.Native("character varying(255)"), Nullable: false),
                new ColumnDefinition("notes", ColumnType.Native("text")),
                new ColumnDefinition("quantity", ColumnType.Native("integer"), Nullable: false, Default: DefaultValue.FromSql("1")),
                new ColumnDefinition("serial", ColumnType.Native("bigint")),
                new ColumnDefinition("active", ColumnType.Native("boolean"), Nullable: false, Default: DefaultValue.FromSql("true")),
                new ColumnDefinition("price", ColumnType.Native("numeric(10,2)"), Default: DefaultValue.FromSql("'-1.5'::numeric")),
                new ColumnDefinition("created_at", ColumnType.Native("timestamp with time zone"), Nullable: false, Default: DefaultValue.FromSql("CURRENT_TIMESTAMP")),
                new ColumnDefinition("bought_on", ColumnType.Native("date")),
                new ColumnDefinition("attributes", ColumnType.Native("jsonb")),
                new ColumnDefinition("owner_id", ColumnType.Native("bigint"), Nullable: false),
                new ColumnDefinition("keeper_id", ColumnType.Native("bigint")),
                new ColumnDefinition("auditor_id", ColumnType.Native("bigint")),
                new ColumnDefinition("buyer_id", ColumnType.Native("bigint")),
            ],
            assets.Columns);
        Assert.Equal(new PrimaryKeyDefinition("pk_assets", ["id"]), assets.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_assets_title", ["title"])], assets.UniqueConstraints);
        Assert.Equal(
            [
                new ForeignKeyDefinition("fk_assets_auditor_id", ["auditor_id"], "owners", ["id"], ReferentialAction.Restrict),
                new ForeignKeyDefinition("fk_assets_buyer_id", ["buyer_id"], "owners", ["id"], ReferentialAction.NoAction),
                new ForeignKeyDefinition("fk_assets_keeper_id", ["keeper_id"], "owners", ["id"], ReferentialAction.SetNull),
                new ForeignKeyDefinition("fk_assets_owner_id", ["owner_id"], "owners", ["id"], ReferentialAction.Cascade),
            ],
            assets.ForeignKeys);
        Assert.Equal([new CheckConstraintDefinition("ck_assets_quantity", "(quantity >= 0)")], assets.CheckConstraints);
        Assert.Equal(
            [
                new IndexDefinition("ix_assets_owner_id", "assets", ["owner_id"]),
                new IndexDefinition("ix_assets_serial", "assets", ["serial"], Unique: true, Filter: "(serial IS NOT NULL)"),
            ],
            assets.Indexes);
        Assert.Empty(assets.NativeObjects);
        // Reading the whole schema gives the same table.
        Assert.Equal(assets, (await _fresh.ReadSchemaAsync()).GetTable("assets"));
        Assert.Null(await ReadOrNullAsync(_fresh, "no_such_table"));
    }

    [Fact]
    public async Task Composite_keys_and_partial_indexes_read_back_with_their_names_after_alters()
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
                t.Index(["amount"], name: "ix_transfers_flagged_amount", filter: "flagged");
            })
            .Add(new AddForeignKey("transfers", new ForeignKeyDefinition("fk_transfers_account", ["region", "number"], "accounts", ["region", "number"], ReferentialAction.Restrict))));
        var alter = Rev("c2", "c1", m => m.DropColumn("transfers", "memo").DropColumn("accounts", "owner"));
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
                t.Index(["amount"], name: "ix_transfers_flagged_amount", filter: "flagged");
            })
            .Add(new AddForeignKey("transfers", new ForeignKeyDefinition("fk_transfers_account", ["region", "number"], "accounts", ["region", "number"], ReferentialAction.Restrict))));
        await _evolved.Migrator(create, alter).UpgradeAsync("head", CancellationToken.None);
        await _fresh.Migrator(fresh).UpgradeAsync("head", CancellationToken.None);

        var evolved = (await _evolved.ReadSchemaAsync()).Without(_bookkeeping);

        Assert.Equal((await _fresh.ReadSchemaAsync()).Without(_bookkeeping).ToString(), evolved.ToString());
        var transfers = evolved.GetTable("transfers");
        Assert.Equal([new ForeignKeyDefinition("fk_transfers_account", ["region", "number"], "accounts", ["region", "number"], ReferentialAction.Restrict)], transfers.ForeignKeys);
        Assert.Equal([new IndexDefinition("ix_transfers_flagged_amount", "transfers", ["amount"], Filter: "flagged")], transfers.Indexes);
        Assert.Equal(new PrimaryKeyDefinition("pk_accounts", ["region", "number"]), evolved.GetTable("accounts").PrimaryKey);
    }

    [Fact]
    public async Task Names_written_by_hand_are_recovered_and_unnamed_constraints_read_with_the_names_postgres_gave_them()
    {
        await _fresh.ExecuteAsync("""
            CREATE TABLE parents (id integer NOT NULL, code varchar(10), CONSTRAINT pk_parents PRIMARY KEY (id), CONSTRAINT uq_parents_code UNIQUE (code));
            CREATE TABLE children (
                id integer NOT NULL PRIMARY KEY,
                parent_id integer,
                other_id integer REFERENCES parents (id),
                qty integer,
                label text UNIQUE,
                CONSTRAINT fk_children_parent_id FOREIGN KEY (parent_id) REFERENCES parents (id) ON DELETE SET NULL,
                CONSTRAINT ck_children_qty CHECK (qty > (0))
            );
            CREATE INDEX ON children (qty) INCLUDE (label);
            """);

        var schema = await _fresh.ReadSchemaAsync();

        var parents = schema.GetTable("parents");
        Assert.Equal(new PrimaryKeyDefinition("pk_parents", ["id"]), parents.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_parents_code", ["code"])], parents.UniqueConstraints);
        var children = schema.GetTable("children");
        Assert.Equal(new PrimaryKeyDefinition("children_pkey", ["id"]), children.PrimaryKey);
        Assert.False(children.GetColumn("id").Identity);
        Assert.Equal(
            [
                new ForeignKeyDefinition("children_other_id_fkey", ["other_id"], "parents", ["id"]),
                new ForeignKeyDefinition("fk_children_parent_id", ["parent_id"], "parents", ["id"], ReferentialAction.SetNull),
            ],
            children.ForeignKeys);
        Assert.Equal([new UniqueConstraintDefinition("children_label_key", ["label"])], children.UniqueConstraints);
        Assert.Equal([new CheckConstraintDefinition("ck_children_qty", "(qty > 0)")], children.CheckConstraints);
        // The INCLUDE column is not a key column of the index.
        Assert.Equal([new IndexDefinition("children_qty_label_idx", "children", ["qty"])], children.Indexes);
    }

    private static async Task<TableDefinition?> ReadOrNullAsync(TestDatabase db, string table)
    {
        await using var connection = await db.OpenAsync();
        return await new PostgresSchemaReader().ReadTableAsync(connection, null, table, CancellationToken.None);
    }
}
