using Waymark.Operations;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Tests;

public sealed class MigrationBuilderTests
{
    private static TableDefinition Created(Action<TableBuilder> build)
    {
        var migrate = new MigrationBuilder().CreateTable("orders", build);
        return Assert.IsType<CreateTable>(Assert.Single(migrate.Operations)).Definition;
    }

    [Fact]
    public void Id_is_a_generated_not_null_bigint_and_the_primary_key_named_pk_table()
    {
        var table = Created(t => t.Id());

        Assert.Equal(new ColumnDefinition("id", ColumnType.BigInt, Nullable: false, Identity: true), Assert.Single(table.Columns));
        Assert.Equal(new PrimaryKeyDefinition("pk_orders", ["id"]), table.PrimaryKey);
    }

    [Fact]
    public void A_composite_primary_key_is_named_pk_table()
    {
        var table = Created(t =>
        {
            t.Int("a").NotNull();
            t.Int("b").NotNull();
            t.PrimaryKey("a", "b");
        });

        Assert.Equal(new PrimaryKeyDefinition("pk_orders", ["a", "b"]), table.PrimaryKey);
    }

    [Fact]
    public void A_reference_column_is_a_bigint_with_a_foreign_key_named_fk_table_column()
    {
        var table = Created(t => t.References("user_id", "users", ReferentialAction.Cascade));

        Assert.Equal(new ColumnDefinition("user_id", ColumnType.BigInt), Assert.Single(table.Columns));
        Assert.Equal(
            new ForeignKeyDefinition("fk_orders_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade),
            Assert.Single(table.ForeignKeys));
    }

    [Fact]
    public void Unique_and_Indexed_on_a_column_are_named_uq_and_ix_table_column()
    {
        var table = Created(t => t.String("code", 20).NotNull().Unique().Indexed());

        Assert.Equal(new UniqueConstraintDefinition("uq_orders_code", ["code"]), Assert.Single(table.UniqueConstraints));
        Assert.Equal(new IndexDefinition("ix_orders_code", "orders", ["code"]), Assert.Single(table.Indexes));
        Assert.Equal(new ColumnDefinition("code", ColumnType.String(20), Nullable: false), Assert.Single(table.Columns));
    }

    [Fact]
    public void Table_level_unique_and_index_join_the_column_names_with_underscores()
    {
        var table = Created(t =>
        {
            t.Int("a");
            t.Int("b");
            t.Unique("a", "b");
            t.Index(["b", "a"], unique: true, filter: "a > 0");
            t.Index(["a"], name: "custom_name");
        });

        Assert.Equal(new UniqueConstraintDefinition("uq_orders_a_b", ["a", "b"]), Assert.Single(table.UniqueConstraints));
        Assert.Equal(
            [new IndexDefinition("ix_orders_b_a", "orders", ["b", "a"], Unique: true, Filter: "a > 0"), new IndexDefinition("custom_name", "orders", ["a"])],
            table.Indexes);
    }

    [Fact]
    public void Column_options_set_nullability_defaults_and_generation()
    {
        var table = Created(t =>
        {
            t.Bool("active").NotNull().Default(true);
            t.Timestamp("seen_at").DefaultNow();
            t.Int("seq").Generated();
            t.Money("total", 10, 2);
        });

        Assert.Equal(true, table.GetColumn("active").Default?.Constant);
        Assert.False(table.GetColumn("active").Nullable);
        Assert.True(table.GetColumn("seen_at").Default?.IsCurrentTimestamp);
        Assert.True(table.GetColumn("seq").Identity);
        Assert.True(table.GetColumn("total").Nullable);
        Assert.Equal(ColumnType.Money(10, 2), table.GetColumn("total").Type);
    }

    [Fact]
    public void Timestamps_adds_not_null_created_at_and_updated_at()
    {
        var table = Created(t => t.Timestamps());

        Assert.Equal(
            [new ColumnDefinition("created_at", ColumnType.Timestamp, Nullable: false), new ColumnDefinition("updated_at", ColumnType.Timestamp, Nullable: false)],
            table.Columns);
    }

    [Fact]
    public void CreateIndex_is_named_ix_table_columns_unless_a_name_is_given()
    {
        var migrate = new MigrationBuilder()
            .CreateIndex("orders", ["user_id", "created_at"])
            .CreateIndex("orders", ["code"], name: "orders_by_code", unique: true, filter: "code IS NOT NULL");

        Assert.Equal(
            [
                new CreateIndex(new IndexDefinition("ix_orders_user_id_created_at", "orders", ["user_id", "created_at"])),
                new CreateIndex(new IndexDefinition("orders_by_code", "orders", ["code"], Unique: true, Filter: "code IS NOT NULL")),
            ],
            migrate.Operations);
    }

    [Fact]
    public void AddForeignKey_is_named_fk_table_column_and_references_id_by_default()
    {
        var migrate = new MigrationBuilder()
            .AddForeignKey("orders", "user_id", "users")
            .AddForeignKey("orders", "code", "codes", "value", ReferentialAction.SetNull, "fk_custom");

        Assert.Equal(
            [
                new AddForeignKey("orders", new ForeignKeyDefinition("fk_orders_user_id", ["user_id"], "users", ["id"])),
                new AddForeignKey("orders", new ForeignKeyDefinition("fk_custom", ["code"], "codes", ["value"], ReferentialAction.SetNull)),
            ],
            migrate.Operations);
    }

    [Fact]
    public void AddUniqueConstraint_is_named_uq_table_columns_unless_a_name_is_given()
    {
        var migrate = new MigrationBuilder()
            .AddUniqueConstraint("orders", ["user_id", "code"])
            .AddUniqueConstraint("orders", ["code"], "uq_custom");

        Assert.Equal(
            [
                new AddUniqueConstraint("orders", new UniqueConstraintDefinition("uq_orders_user_id_code", ["user_id", "code"])),
                new AddUniqueConstraint("orders", new UniqueConstraintDefinition("uq_custom", ["code"])),
            ],
            migrate.Operations);
    }

    [Fact]
    public void Names_follow_the_pk_fk_ix_uq_conventions()
    {
        Assert.Equal("pk_users", Names.PrimaryKey("users"));
        Assert.Equal("fk_orders_user_id", Names.ForeignKey("orders", "user_id"));
        Assert.Equal("ix_orders_a_b", Names.Index("orders", ["a", "b"]));
        Assert.Equal("uq_orders_a_b", Names.Unique("orders", ["a", "b"]));
    }

    [Fact]
    public void Operations_are_recorded_in_the_order_they_are_written()
    {
        var migrate = new MigrationBuilder()
            .AddColumn("orders", "note", ColumnType.Text)
            .RenameColumn("orders", "note", "remark")
            .DropColumn("orders", "remark")
            .RenameTable("orders", "purchases")
            .DropTable("purchases");

        Assert.Equal(
            ["add column orders.note", "rename column orders.note to remark", "drop column orders.remark", "rename table orders to purchases", "drop table purchases"],
            migrate.Operations.Select(o => o.Describe()));
    }

    [Fact]
    public void AddColumn_records_a_constant_default_only_when_one_is_given()
    {
        var migrate = new MigrationBuilder()
            .AddColumn("orders", "status", ColumnType.String(10), nullable: false, defaultValue: "new")
            .AddColumn("orders", "note", ColumnType.Text);

        var status = Assert.IsType<AddColumn>(migrate.Operations[0]).Column;
        Assert.False(status.Nullable);
        Assert.Equal("new", status.Default?.Constant);
        Assert.Null(Assert.IsType<AddColumn>(migrate.Operations[1]).Column.Default);
    }

    [Fact]
    public void AlterColumn_records_only_what_is_given()
    {
        var migrate = new MigrationBuilder()
            .AlterColumn("orders", "code", type: ColumnType.String(40), defaultValue: "x")
            .AlterColumn("orders", "code", nullable: true, dropDefault: true);

        var first = Assert.IsType<AlterColumn>(migrate.Operations[0]);
        Assert.Equal(ColumnType.String(40), first.Type);
        Assert.Null(first.Nullable);
        Assert.Equal("x", first.Default?.Constant);
        Assert.False(first.DropDefault);
        var second = Assert.IsType<AlterColumn>(migrate.Operations[1]);
        Assert.Null(second.Type);
        Assert.True(second.Nullable);
        Assert.Null(second.Default);
        Assert.True(second.DropDefault);
    }

    [Fact]
    public void Sql_for_every_dialect_runs_the_same_text_everywhere()
    {
        var sql = Assert.IsType<ExecuteSql>(Assert.Single(new MigrationBuilder().Sql("UPDATE t SET a = 1").Operations));

        Assert.Equal("UPDATE t SET a = 1", sql.For("sqlite"));
        Assert.Equal("UPDATE t SET a = 1", sql.For("postgres"));
    }

    [Fact]
    public void Sql_per_dialect_runs_the_named_text_and_otherwise_the_fallback_or_nothing()
    {
        var perDialect = new Dictionary<string, string> { ["sqlite"] = "SELECT 1" };
        var migrate = new MigrationBuilder().Sql(perDialect, "SELECT 2").Sql(perDialect);

        var withFallback = Assert.IsType<ExecuteSql>(migrate.Operations[0]);
        var withoutFallback = Assert.IsType<ExecuteSql>(migrate.Operations[1]);
        Assert.Equal("SELECT 1", withFallback.For("sqlite"));
        Assert.Equal("SELECT 2", withFallback.For("postgres"));
        Assert.Null(withoutFallback.For("postgres"));
    }

    [Fact]
    public void Execute_records_a_data_statement_with_its_parameters()
    {
        var migrate = new MigrationBuilder().Execute("UPDATE t SET a = @a WHERE b = @b", ("a", 1), ("b", null));

        var statement = Assert.IsType<DataStatement>(Assert.Single(migrate.Operations));
        Assert.Equal("UPDATE t SET a = @a WHERE b = @b", statement.Sql);
        Assert.Equal(1, statement.Parameters["a"]);
        Assert.True(statement.Parameters.ContainsKey("b"));
        Assert.Null(statement.Parameters["b"]);
    }

    [Fact]
    public void Check_constraints_and_drops_by_name_are_recorded_as_given()
    {
        var migrate = new MigrationBuilder()
            .AddCheckConstraint("orders", "ck_total", "total >= 0")
            .DropCheckConstraint("orders", "ck_total")
            .DropIndex("orders", "ix_x")
            .DropForeignKey("orders", "fk_x")
            .DropUniqueConstraint("orders", "uq_x");

        Assert.Equal(
            [
                new AddCheckConstraint("orders", new CheckConstraintDefinition("ck_total", "total >= 0")),
                new DropCheckConstraint("orders", "ck_total"),
                new DropIndex("orders", "ix_x"),
                new DropForeignKey("orders", "fk_x"),
                new DropUniqueConstraint("orders", "uq_x"),
            ],
            migrate.Operations);
    }
}
