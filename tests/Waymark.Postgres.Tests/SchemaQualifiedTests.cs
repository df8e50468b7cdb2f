using Waymark.Execution;
using Waymark.Operations;
using Waymark.Postgres.Tests.Support;
using Waymark.Revisions;
using Waymark.Schema;
using static Waymark.Testing.Chain;

namespace Waymark.Postgres.Tests;

/// <summary>Tables in a schema other than the connection's current one, named <c>schema.table</c>.</summary>
public sealed class SchemaQualifiedTests : DatabaseTest
{
    private static readonly MigratorOptions _opsOptions = TestDatabase.Options with
    {
        VersionTable = "ops.alembic_version",
        HistoryTable = "ops.waymark_history",
    };

    private static Revision Customers() => Rev("b1", null, m => m
        .CreateTable("customers", t =>
        {
            t.Id();
            t.String("name", 100).NotNull();
        })
        .Sql("CREATE SCHEMA billing"),
        m => m.Sql("DROP SCHEMA billing").DropTable("customers"));

    [Fact]
    public async Task A_table_in_another_schema_built_with_the_table_builder_gets_conventional_names_an_index_and_a_foreign_key_to_public()
    {
        var invoices = Rev("b2", "b1", m => m.CreateTable("billing.invoices", t =>
        {
            t.Id();
            t.References("customer_id", "customers", ReferentialAction.Cascade).NotNull().Indexed();
            t.Money("total", 10, 2).NotNull();
            t.String("number", 20).NotNull().Unique();
        }), m => m.DropTable("billing.invoices"));

        await Db.Migrator(Customers(), invoices).UpgradeAsync("head", CancellationToken.None);

        var table = await Db.ReadTableAsync("billing.invoices");
        Assert.Equal("billing.invoices", table.Name);
        Assert.Equal(new PrimaryKeyDefinition("pk_invoices", ["id"]), table.PrimaryKey);
        Assert.Equal([new ForeignKeyDefinition("fk_invoices_customer_id", ["customer_id"], "customers", ["id"], ReferentialAction.Cascade)], table.ForeignKeys);
        Assert.Equal([new UniqueConstraintDefinition("uq_invoices_number", ["number"])], table.UniqueConstraints);
        Assert.Equal([new IndexDefinition("ix_invoices_customer_id", "billing.invoices", ["customer_id"])], table.Indexes);

        await Db.Migrator(Customers(), invoices).DowngradeAsync("-1", CancellationToken.None);

        Assert.False(await Db.TableExistsAsync("billing.invoices"));
    }

    [Fact]
    public async Task An_index_with_the_default_name_on_a_table_in_another_schema_is_named_by_convention_and_can_be_dropped()
    {
        var invoices = Rev("b2", "b1", m => m
            .Sql("CREATE TABLE billing.invoices (id bigint PRIMARY KEY, total numeric(10,2))")
            .CreateIndex("billing.invoices", ["total"]),
            m => m.DropIndex("billing.invoices", "ix_invoices_total").Sql("DROP TABLE billing.invoices"));
        var migrator = Db.Migrator(Customers(), invoices);

        await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["ix_invoices_total"], (await Db.ReadTableAsync("billing.invoices")).Indexes.Select(i => i.Name));
        await migrator.DowngradeAsync("-1", CancellationToken.None);
        Assert.False(await Db.TableExistsAsync("billing.invoices"));
    }

    [Fact]
    public async Task A_table_in_another_schema_with_explicit_names_is_created_indexed_altered_and_read_back_qualified()
    {
        var invoices = Rev("b2", "b1", m => m
            .Add(new CreateTable(new TableDefinition(
                "billing.invoices",
                [
                    new ColumnDefinition("id", ColumnType.BigInt, Nullable: false, Identity: true),
                    new ColumnDefinition("customer_id", ColumnType.BigInt, Nullable: false),
                    new ColumnDefinition("total", ColumnType.Money(10, 2), Nullable: false, Default: DefaultValue.Of(0)),
                ],
                new PrimaryKeyDefinition("pk_invoices", ["id"]))))
            .AddForeignKey("billing.invoices", "customer_id", "customers", onDelete: ReferentialAction.Cascade, name: "fk_invoices_customer_id")
            .CreateIndex("billing.invoices", ["customer_id"], name: "ix_invoices_customer_id")
            .CreateIndex("billing.invoices", ["total"], name: "ix_invoices_total", filter: "total > 0")
            .AddColumn("billing.invoices", "memo", ColumnType.Text)
            .AddUniqueConstraint("billing.invoices", ["customer_id", "memo"], name: "uq_invoices_customer_memo")
            .AddCheckConstraint("billing.invoices", "ck_invoices_total", "total >= 0"),
            m => m.DropTable("billing.invoices"));
        var reshape = Rev("b3", "b2", m => m
            .DropIndex("billing.invoices", "ix_invoices_total")
            .RenameColumn("billing.invoices", "memo", "note")
            .AlterColumn("billing.invoices", "note", type: ColumnType.String(200), nullable: false, defaultValue: "")
            .RenameTable("billing.invoices", "billing.bills"),
            m => m
            .RenameTable("billing.bills", "billing.invoices")
            .AlterColumn("billing.invoices", "note", type: ColumnType.Text, nullable: true, dropDefault: true)
            .RenameColumn("billing.invoices", "note", "memo")
            .CreateIndex("billing.invoices", ["total"], name: "ix_invoices_total", filter: "total > 0"));
        var migrator = Db.Migrator(Customers(), invoices, reshape);

        await migrator.UpgradeAsync("b2", CancellationToken.None);

        var table = await Db.ReadTableAsync("billing.invoices");
        Assert.Equal("billing.invoices", table.Name);
        Assert.Equal(["id", "customer_id", "total", "memo"], table.Columns.Select(c => c.Name));
        Assert.Equal(new PrimaryKeyDefinition("pk_invoices", ["id"]), table.PrimaryKey);
        Assert.Equal([new ForeignKeyDefinition("fk_invoices_customer_id", ["customer_id"], "customers", ["id"], ReferentialAction.Cascade)], table.ForeignKeys);
        Assert.Equal([new UniqueConstraintDefinition("uq_invoices_customer_memo", ["customer_id", "memo"])], table.UniqueConstraints);
        Assert.Equal(["ck_invoices_total"], table.CheckConstraints.Select(c => c.Name));
        Assert.Equal(
            [
                new IndexDefinition("ix_invoices_customer_id", "billing.invoices", ["customer_id"]),
                new IndexDefinition("ix_invoices_total", "billing.invoices", ["total"], Filter: "(total > (0)::numeric)"),
            ],
            table.Indexes);
        Assert.True(await Db.IndexExistsAsync("billing.ix_invoices_customer_id"));
        // The public schema's snapshot does not see the billing schema's tables.
        Assert.Equal(["alembic_version", "customers", "waymark_history"], (await Db.ReadSchemaAsync()).Tables.Select(t => t.Name));
        await Db.ExecuteAsync("INSERT INTO customers (name) VALUES ('acme')");
        await Db.ExecuteAsync("INSERT INTO billing.invoices (customer_id, total) VALUES (1, 10)");
        await Db.ExecuteAsync("DELETE FROM customers");
        Assert.Equal(0, await Db.CountAsync("billing.invoices"));

        await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.False(await Db.TableExistsAsync("billing.invoices"));
        var bills = await Db.ReadTableAsync("billing.bills");
        Assert.Equal("billing.bills", bills.Name);
        Assert.Equal(["ix_invoices_customer_id"], bills.Indexes.Select(i => i.Name));
        Assert.Equal(new ColumnDefinition("note", ColumnType.Native("character varying(200)"), Nullable: false, Default: DefaultValue.FromSql("''::character varying")), bills.GetColumn("note"));

        await migrator.DowngradeAsync("base", CancellationToken.None);

        Assert.Equal(["public.alembic_version", "public.waymark_history"], await Db.QualifiedTablesAsync());
        Assert.Equal(0, await Db.ScalarAsync("SELECT count(*) FROM pg_namespace WHERE nspname = 'billing'"));
    }

    [Fact]
    public async Task The_version_and_history_tables_can_live_in_a_schema_of_their_own()
    {
        await Db.ExecuteAsync("CREATE SCHEMA ops");
        var revisions = new[]
        {
            Rev("r1", null, m => m.CreateTable("users", t => t.Id()), m => m.DropTable("users")),
            Rev("r2", "r1", m => m.AddColumn("users", "name", ColumnType.Text), m => m.DropColumn("users", "name")),
        };
        var migrator = Db.Migrator(new RevisionGraph(revisions), _opsOptions);

        await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r2"], await Db.VersionRowsAsync("ops.alembic_version"));
        Assert.Equal(["r1|upgrade", "r2|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM ops.waymark_history ORDER BY id"));
        Assert.Equal(["ops.alembic_version", "ops.waymark_history", "public.users"], await Db.QualifiedTablesAsync());
        Assert.Equal(["r2"], await migrator.GetCurrentAsync(CancellationToken.None));
        Assert.Empty(await Db.Migrator(revisions).GetCurrentAsync(CancellationToken.None));

        await migrator.DowngradeAsync("-1", CancellationToken.None);
        await migrator.StampAsync("base", CancellationToken.None);

        Assert.Empty(await Db.VersionRowsAsync("ops.alembic_version"));
        Assert.Equal(["r1|upgrade", "r2|upgrade", "r2|downgrade", "NULL|stamp"],
            await Db.RowsAsync("SELECT revision, direction FROM ops.waymark_history ORDER BY id"));
    }

    [Fact]
    public async Task Version_and_history_tables_with_unqualified_custom_names_are_created_and_used()
    {
        var options = TestDatabase.Options with { VersionTable = "schema_version", HistoryTable = "schema_history" };
        var migrator = Db.Migrator(Graph(Rev("r1", null, m => m.CreateTable("users", t => t.Id()))), options);

        await migrator.UpgradeAsync("head", CancellationToken.None);

        Assert.Equal(["r1"], await Db.VersionRowsAsync("schema_version"));
        Assert.Equal(["r1|upgrade"], await Db.RowsAsync("SELECT revision, direction FROM schema_history"));
        Assert.Equal(["public.schema_history", "public.schema_version", "public.users"], await Db.QualifiedTablesAsync());
    }
}
