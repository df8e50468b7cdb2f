using Waymark.Operations;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// A schema built up by changes reads back the same as one created in one go, with the names the conventions
/// give, as every dialect must ensure. Each test gets two fresh databases: one evolved, one created fresh.
/// </summary>
public abstract class SchemaRoundTripScenarios : DialectScenarios
{
    protected static readonly string[] Bookkeeping = ["alembic_version", "waymark_history"];

    private ScenarioDatabase? _fresh;

    /// <summary>The database the changes are made on.</summary>
    protected ScenarioDatabase Evolved => Db;

    /// <summary>The database the final definition is created on in one go.</summary>
    protected ScenarioDatabase Fresh => _fresh ?? throw new InvalidOperationException("the database is created in InitializeAsync");

    /// <summary>How the dialect reads back users' check <c>age IS NULL OR age >= 0</c>, after age became numeric(5,0).</summary>
    protected abstract string UsersAgeCheckAsRead { get; }

    /// <summary>How the dialect reads back products' check <c>sku &lt;&gt; ''</c>.</summary>
    protected abstract string ProductsSkuCheckAsRead { get; }

    /// <summary>A partial index filter on the boolean column <c>flagged</c>, as the dialect reads it back.</summary>
    protected abstract string PartialIndexFilter { get; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _fresh = await CreateDatabaseAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_fresh is not null)
            await _fresh.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>users, posts and products built up over several revisions of changes (rebuilds on SQLite, ALTERs on PostgreSQL).</summary>
    protected static Revision[] EvolvedChain() =>
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
    protected static Revision FreshChain() => Rev("f1", null, m => m
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
    public async Task After_changes_the_schema_reads_the_same_as_tables_created_fresh_with_the_final_definition()
    {
        await Evolved.Migrator(EvolvedChain()).UpgradeAsync("head", CancellationToken.None);
        await Fresh.Migrator(FreshChain()).UpgradeAsync("head", CancellationToken.None);

        var evolved = (await Evolved.ReadSchemaAsync()).Without(Bookkeeping);
        var fresh = (await Fresh.ReadSchemaAsync()).Without(Bookkeeping);

        Assert.Equal(fresh.ToString(), evolved.ToString());
        Assert.Equal(fresh, evolved);
        Assert.Equal(["posts", "products", "users"], evolved.Tables.Select(t => t.Name));
        Assert.Equal(["alembic_version", "posts", "products", "users", "waymark_history"], await Evolved.AllTablesAsync());
    }

    [Fact]
    public async Task Constraint_and_index_names_follow_the_conventions_after_changes()
    {
        await Evolved.Migrator(EvolvedChain()).UpgradeAsync("head", CancellationToken.None);

        var schema = await Evolved.ReadSchemaAsync();

        var users = schema.GetTable("users");
        Assert.Equal(new PrimaryKeyDefinition("pk_users", ["id"]), users.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_users_email", ["email"])], users.UniqueConstraints);
        Assert.Equal([new CheckConstraintDefinition("ck_users_age", UsersAgeCheckAsRead)], users.CheckConstraints);
        Assert.Equal(["ix_users_nickname"], users.Indexes.Select(i => i.Name));
        var posts = schema.GetTable("posts");
        Assert.Equal(new PrimaryKeyDefinition("pk_posts", ["id"]), posts.PrimaryKey);
        Assert.Equal([new ForeignKeyDefinition("fk_posts_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)], posts.ForeignKeys);
        Assert.Equal([new IndexDefinition("ix_posts_user_id_score", "posts", ["user_id", "score"])], posts.Indexes);
        var products = schema.GetTable("products");
        Assert.Equal(new PrimaryKeyDefinition("pk_products", ["id"]), products.PrimaryKey);
        Assert.Equal([new UniqueConstraintDefinition("uq_products_sku", ["sku"])], products.UniqueConstraints);
        Assert.Equal([new CheckConstraintDefinition("ck_products_sku", ProductsSkuCheckAsRead)], products.CheckConstraints);
    }

    [Fact]
    public async Task Composite_keys_and_partial_indexes_read_back_with_their_names_after_changes()
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
                t.Index(["amount"], name: "ix_transfers_flagged_amount", filter: PartialIndexFilter);
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
                t.Index(["amount"], name: "ix_transfers_flagged_amount", filter: PartialIndexFilter);
            })
            .Add(new AddForeignKey("transfers", new ForeignKeyDefinition("fk_transfers_account", ["region", "number"], "accounts", ["region", "number"], ReferentialAction.Restrict))));
        await Evolved.Migrator(create, alter).UpgradeAsync("head", CancellationToken.None);
        await Fresh.Migrator(fresh).UpgradeAsync("head", CancellationToken.None);

        var evolved = (await Evolved.ReadSchemaAsync()).Without(Bookkeeping);

        Assert.Equal((await Fresh.ReadSchemaAsync()).Without(Bookkeeping).ToString(), evolved.ToString());
        var transfers = evolved.GetTable("transfers");
        Assert.Equal([new ForeignKeyDefinition("fk_transfers_account", ["region", "number"], "accounts", ["region", "number"], ReferentialAction.Restrict)], transfers.ForeignKeys);
        Assert.Equal([new IndexDefinition("ix_transfers_flagged_amount", "transfers", ["amount"], Filter: PartialIndexFilter)], transfers.Indexes);
        Assert.Equal(new PrimaryKeyDefinition("pk_accounts", ["region", "number"]), evolved.GetTable("accounts").PrimaryKey);
    }
}
