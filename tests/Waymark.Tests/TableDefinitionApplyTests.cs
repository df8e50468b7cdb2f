using Waymark.Operations;
using Waymark.Schema;
using Waymark.Testing;

namespace Waymark.Tests;

public sealed class TableDefinitionApplyTests
{
    /// <summary>orders(id pk, user_id → users.id, code unique, total check), with an index over (user_id, code).</summary>
    private static readonly TableDefinition Orders = SampleTables.Orders;

    private static string[] ColumnNames(TableDefinition table) => [.. table.Columns.Select(c => c.Name)];

    [Fact]
    public void A_foreign_key_or_check_added_not_valid_is_there_unvalidated_until_validated()
    {
        var added = Orders
            .Apply(new AddForeignKey("orders", new ForeignKeyDefinition("fk_orders_code", ["code"], "codes", ["value"]), NotValid: true))
            .Apply(new AddCheckConstraint("orders", new CheckConstraintDefinition("ck_orders_code", "code <> ''"), NotValid: true));

        Assert.True(added.ForeignKeys.Single(k => k.Name == "fk_orders_code").NotValid);
        Assert.True(added.CheckConstraints.Single(c => c.Name == "ck_orders_code").NotValid);
        var validated = added.Apply(new ValidateConstraint("orders", "fk_orders_code")).Apply(new ValidateConstraint("orders", "CK_ORDERS_CODE"));
        Assert.All(validated.ForeignKeys, k => Assert.False(k.NotValid));
        Assert.All(validated.CheckConstraints, c => Assert.False(c.NotValid));
        Assert.Equal(added, validated with { });
    }

    [Fact]
    public void Validating_a_constraint_the_table_does_not_have_is_refused()
    {
        var error = Assert.Throws<SchemaObjectNotFoundException>(() => Orders.Apply(new ValidateConstraint("orders", "uq_orders_code")));

        Assert.Equal("foreign key or check constraint", error.Kind);
    }

    [Fact]
    public void AddColumn_appends_the_column_and_leaves_the_original_unchanged()
    {
        var note = new ColumnDefinition("note", ColumnType.Text);

        var updated = Orders.Apply(new AddColumn("orders", note));

        Assert.Equal(["id", "user_id", "code", "total", "note"], ColumnNames(updated));
        Assert.Equal(note, updated.GetColumn("note"));
        Assert.Equal(4, Orders.Columns.Count);
    }

    [Fact]
    public void AddColumn_with_a_taken_name_is_refused_whatever_its_case()
    {
        var error = Assert.Throws<SchemaObjectExistsException>(() => Orders.Apply(new AddColumn("orders", new ColumnDefinition("CODE", ColumnType.Text))));

        Assert.Equal("column", error.Kind);
        Assert.Equal("orders.CODE", error.Name);
    }

    [Fact]
    public void DropColumn_removes_the_column_and_the_foreign_keys_and_indexes_that_include_it()
    {
        var updated = Orders.Apply(new DropColumn("orders", "user_id"));

        Assert.Equal(["id", "code", "total"], ColumnNames(updated));
        Assert.Empty(updated.ForeignKeys);
        Assert.Empty(updated.Indexes);
        Assert.Equal(Orders.UniqueConstraints, updated.UniqueConstraints);
        Assert.Equal(Orders.PrimaryKey, updated.PrimaryKey);
        Assert.Equal(Orders.CheckConstraints, updated.CheckConstraints);
    }

    [Fact]
    public void DropColumn_removes_the_unique_constraints_that_include_it()
    {
        var updated = Orders.Apply(new DropColumn("orders", "code"));

        Assert.Empty(updated.UniqueConstraints);
        Assert.Empty(updated.Indexes);
        Assert.Single(updated.ForeignKeys);
    }

    [Fact]
    public void DropColumn_removes_the_check_constraints_and_partial_indexes_whose_expressions_name_it()
    {
        var table = Orders with
        {
            CheckConstraints = [.. Orders.CheckConstraints, new CheckConstraintDefinition("ck_orders_code", "code <> 'total'")],
            Indexes = [.. Orders.Indexes, new IndexDefinition("ix_orders_open", "orders", ["user_id"], Filter: "\"TOTAL\" > 0")],
        };

        var updated = table.Apply(new DropColumn("orders", "total"));

        // 'total' inside a string literal is text, not the column: that check stays.
        Assert.Equal(["ck_orders_code"], updated.CheckConstraints.Select(c => c.Name));
        Assert.Equal(["ix_orders_user_id_code"], updated.Indexes.Select(i => i.Name));
    }

    [Fact]
    public void DropColumn_of_a_primary_key_column_removes_the_primary_key()
    {
        var updated = Orders.Apply(new DropColumn("orders", "ID"));

        Assert.Null(updated.PrimaryKey);
        Assert.Null(updated.FindColumn("id"));
    }

    [Fact]
    public void DropColumn_of_a_missing_column_is_refused()
    {
        var error = Assert.Throws<SchemaObjectNotFoundException>(() => Orders.Apply(new DropColumn("orders", "nope")));

        Assert.Equal("column", error.Kind);
        Assert.Equal("orders.nope", error.Name);
    }

    [Fact]
    public void RenameColumn_keeps_the_column_definition_and_position()
    {
        var updated = Orders.Apply(new RenameColumn("orders", "code", "reference"));

        Assert.Equal(["id", "user_id", "reference", "total"], ColumnNames(updated));
        Assert.Equal(Orders.GetColumn("code") with { Name = "reference" }, updated.GetColumn("reference"));
    }

    [Fact]
    public void RenameColumn_propagates_to_the_foreign_keys_and_indexes_that_include_it()
    {
        var updated = Orders.Apply(new RenameColumn("orders", "user_id", "customer_id"));

        var foreignKey = Assert.Single(updated.ForeignKeys);
        Assert.Equal(["customer_id"], foreignKey.Columns);
        Assert.Equal(["id"], foreignKey.ReferencedColumns);
        Assert.Equal("fk_orders_user_id", foreignKey.Name);
        Assert.Equal(["customer_id", "code"], Assert.Single(updated.Indexes).Columns);
    }

    [Fact]
    public void RenameColumn_propagates_to_the_primary_key_and_unique_constraints()
    {
        var updated = Orders
            .Apply(new RenameColumn("orders", "id", "order_id"))
            .Apply(new RenameColumn("orders", "code", "reference"));

        Assert.Equal(new PrimaryKeyDefinition("pk_orders", ["order_id"]), updated.PrimaryKey);
        Assert.Equal(new UniqueConstraintDefinition("uq_orders_code", ["reference"]), Assert.Single(updated.UniqueConstraints));
    }

    [Fact]
    public void RenameColumn_propagates_to_a_self_referencing_foreign_key()
    {
        var employees = new TableDefinition(
            "employees",
            [new ColumnDefinition("id", ColumnType.BigInt, Nullable: false), new ColumnDefinition("manager_id", ColumnType.BigInt)],
            new PrimaryKeyDefinition("pk_employees", ["id"]),
            [new ForeignKeyDefinition("fk_employees_manager_id", ["manager_id"], "employees", ["id"])]);

        var updated = employees.Apply(new RenameColumn("employees", "id", "employee_id"));

        Assert.Equal(["employee_id"], Assert.Single(updated.ForeignKeys).ReferencedColumns);
    }

    [Fact]
    public void RenameColumn_of_a_missing_column_or_to_a_taken_name_is_refused()
    {
        Assert.Throws<SchemaObjectNotFoundException>(() => Orders.Apply(new RenameColumn("orders", "nope", "other")));
        var error = Assert.Throws<SchemaObjectExistsException>(() => Orders.Apply(new RenameColumn("orders", "code", "total")));
        Assert.Equal("orders.total", error.Name);
    }

    [Fact]
    public void AlterColumn_changes_only_what_it_sets()
    {
        var updated = Orders.Apply(new AlterColumn("orders", "code") { Type = ColumnType.String(40) });

        Assert.Equal(new ColumnDefinition("code", ColumnType.String(40)), updated.GetColumn("code"));
        Assert.Equal(Orders.Columns.Where(c => c.Name != "code"), updated.Columns.Where(c => c.Name != "code"));
    }

    [Fact]
    public void AlterColumn_changes_nullability_and_default()
    {
        var updated = Orders.Apply(new AlterColumn("orders", "code") { Nullable = false, Default = DefaultValue.Of("none") });

        var code = updated.GetColumn("code");
        Assert.False(code.Nullable);
        Assert.Equal("none", code.Default?.Constant);
        Assert.Equal(ColumnType.String(20), code.Type);
    }

    [Fact]
    public void AlterColumn_with_DropDefault_removes_the_default()
    {
        var updated = Orders.Apply(new AlterColumn("orders", "total") { DropDefault = true });

        Assert.Null(updated.GetColumn("total").Default);
        Assert.NotNull(Orders.GetColumn("total").Default);
    }

    [Fact]
    public void AlterColumn_of_a_missing_column_is_refused()
    {
        Assert.Throws<SchemaObjectNotFoundException>(() => Orders.Apply(new AlterColumn("orders", "nope") { Nullable = true }));
    }

    [Fact]
    public void Indexes_and_constraints_are_added_and_dropped_by_name_whatever_its_case()
    {
        var index = new IndexDefinition("ix_orders_total", "orders", ["total"]);
        var added = Orders
            .Apply(new CreateIndex(index))
            .Apply(new AddForeignKey("orders", new ForeignKeyDefinition("fk_orders_code", ["code"], "codes", ["code"])))
            .Apply(new AddUniqueConstraint("orders", new UniqueConstraintDefinition("uq_orders_total", ["total"])))
            .Apply(new AddCheckConstraint("orders", new CheckConstraintDefinition("ck_orders_code", "code <> ''")));

        Assert.Equal(["ix_orders_user_id_code", "ix_orders_total"], added.Indexes.Select(i => i.Name));
        Assert.Equal(["fk_orders_user_id", "fk_orders_code"], added.ForeignKeys.Select(f => f.Name));
        Assert.Equal(["uq_orders_code", "uq_orders_total"], added.UniqueConstraints.Select(u => u.Name));
        Assert.Equal(["ck_orders_total", "ck_orders_code"], added.CheckConstraints.Select(c => c.Name));

        var dropped = added
            .Apply(new DropIndex("orders", "IX_ORDERS_TOTAL"))
            .Apply(new DropForeignKey("orders", "fk_orders_code"))
            .Apply(new DropUniqueConstraint("orders", "uq_orders_total"))
            .Apply(new DropCheckConstraint("orders", "ck_orders_code"));

        Assert.Equal(Orders, dropped);
    }

    [Fact]
    public void Dropping_an_index_or_constraint_that_does_not_exist_is_refused_naming_it()
    {
        var index = Assert.Throws<SchemaObjectNotFoundException>(() => Orders.Apply(new DropIndex("orders", "ix_nope")));
        Assert.Equal("index", index.Kind);
        Assert.Equal("ix_nope on orders", index.Name);

        Assert.Equal("foreign key", Assert.Throws<SchemaObjectNotFoundException>(() => Orders.Apply(new DropForeignKey("orders", "fk_nope"))).Kind);
        Assert.Equal("unique constraint", Assert.Throws<SchemaObjectNotFoundException>(() => Orders.Apply(new DropUniqueConstraint("orders", "uq_nope"))).Kind);
        Assert.Equal("check constraint", Assert.Throws<SchemaObjectNotFoundException>(() => Orders.Apply(new DropCheckConstraint("orders", "ck_nope"))).Kind);
    }

    [Fact]
    public void CreateIndex_with_a_taken_name_is_refused()
    {
        var duplicate = new IndexDefinition("ix_orders_user_id_code", "orders", ["total"]);

        Assert.Throws<SchemaObjectExistsException>(() => Orders.Apply(new CreateIndex(duplicate)));
    }

    [Fact]
    public void An_operation_that_is_not_a_change_to_a_table_definition_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Orders.Apply(new UnsupportedTableOperation("orders")));
    }

    [Fact]
    public void Tables_with_the_same_definition_are_equal()
    {
        var copy = Orders with
        {
            Columns = [.. Orders.Columns],
            ForeignKeys = [new ForeignKeyDefinition("fk_orders_user_id", ["user_id"], "users", ["id"], ReferentialAction.Cascade)],
        };

        Assert.Equal(Orders, copy);
        Assert.NotEqual(Orders, copy.Apply(new AlterColumn("orders", "code") { Nullable = false }));
    }

    private sealed record UnsupportedTableOperation(string Table) : TableOperation(Table)
    {
        public override string Describe() => "something else";
    }
}
