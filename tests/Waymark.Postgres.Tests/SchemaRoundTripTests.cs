using Waymark.Postgres.Tests.Support;
using Waymark.Schema;
using Waymark.Testing;
using Waymark.Testing.Scenarios;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

public sealed class PostgresSchemaRoundTripTests : SchemaRoundTripScenarios
{
    protected override string UsersAgeCheckAsRead => "((age IS NULL) OR (age >= (0)::numeric))";

    protected override string ProductsSkuCheckAsRead => "((sku)::text <> ''::text)";

    protected override string PartialIndexFilter => "flagged";

    protected override Task<ScenarioDatabase> CreateDatabaseAsync() => TestDatabase.CreateScenarioAsync();

    [Fact]
    public async Task A_table_built_by_operations_reads_back_with_its_names_native_types_nullability_defaults_and_delete_actions()
    {
        await Fresh.Migrator(Rev("a1", null, m => m
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

        var assets = await Fresh.ReadTableAsync("assets");

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
        Assert.Equal(assets, (await Fresh.ReadSchemaAsync()).GetTable("assets"));
        Assert.Null(await ReadOrNullAsync(Fresh, "no_such_table"));
    }

    [Fact]
    public async Task Names_written_by_hand_are_recovered_and_unnamed_constraints_read_with_the_names_postgres_gave_them()
    {
        await Fresh.ExecuteAsync("""
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

        var schema = await Fresh.ReadSchemaAsync();

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

    private static async Task<TableDefinition?> ReadOrNullAsync(ScenarioDatabase database, string table)
    {
        await using var connection = await ((TestDatabase)database).OpenAsync();
        return await new PostgresSchemaReader().ReadTableAsync(connection, null, table, CancellationToken.None);
    }
}
