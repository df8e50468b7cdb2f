using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Tests;

public sealed class SchemaSnapshotApplyTests
{
    private static readonly TableDefinition Users = new(
        "users",
        [new ColumnDefinition("id", ColumnType.BigInt, Nullable: false, Identity: true), new ColumnDefinition("email", ColumnType.String(200))],
        new PrimaryKeyDefinition("pk_users", ["id"]),
        Indexes: [new IndexDefinition("ix_users_email", "users", ["email"])]);

    private static readonly TableDefinition Orders = new(
        "orders",
        [new ColumnDefinition("id", ColumnType.BigInt, Nullable: false), new ColumnDefinition("user_id", ColumnType.BigInt)],
        new PrimaryKeyDefinition("pk_orders", ["id"]),
        [new ForeignKeyDefinition("fk_orders_user_id", ["user_id"], "users", ["id"])]);

    private static readonly TableDefinition Employees = new(
        "employees",
        [new ColumnDefinition("id", ColumnType.BigInt, Nullable: false), new ColumnDefinition("manager_id", ColumnType.BigInt)],
        new PrimaryKeyDefinition("pk_employees", ["id"]),
        [new ForeignKeyDefinition("fk_employees_manager_id", ["manager_id"], "employees", ["id"])]);

    private static SchemaSnapshot With(params TableDefinition[] tables) =>
        tables.Aggregate(SchemaSnapshot.Empty, (schema, table) => schema.Apply(new CreateTable(table)));

    private static string[] TableNames(SchemaSnapshot schema) => [.. schema.Tables.Select(t => t.Name)];

    [Fact]
    public void CreateTable_adds_the_table_and_keeps_tables_ordered_by_name()
    {
        var schema = With(Users, Orders, Employees);

        Assert.Equal(["employees", "orders", "users"], TableNames(schema));
        Assert.Equal(Users, schema.GetTable("users"));
        Assert.Empty(SchemaSnapshot.Empty.Tables);
    }

    [Fact]
    public void CreateTable_with_a_taken_name_is_refused_whatever_its_case()
    {
        var error = Assert.Throws<SchemaObjectExistsException>(() => With(Users).Apply(new CreateTable(Users with { Name = "USERS" })));

        Assert.Equal("table", error.Kind);
        Assert.Equal("USERS", error.Name);
    }

    [Fact]
    public void DropTable_removes_only_that_table()
    {
        var schema = With(Users, Orders).Apply(new DropTable("orders"));

        Assert.Equal(["users"], TableNames(schema));
    }

    [Fact]
    public void DropTable_of_a_missing_table_is_refused()
    {
        var error = Assert.Throws<SchemaObjectNotFoundException>(() => With(Users).Apply(new DropTable("orders")));

        Assert.Equal("table", error.Kind);
        Assert.Equal("orders", error.Name);
    }

    [Fact]
    public void DropTable_on_an_empty_schema_is_refused()
    {
        Assert.Throws<SchemaObjectNotFoundException>(() => SchemaSnapshot.Empty.Apply(new DropTable("orders")));
    }

    [Fact]
    public void RenameTable_renames_the_table_and_its_indexes_table_but_not_the_index_names()
    {
        var schema = With(Users).Apply(new RenameTable("users", "accounts"));

        var accounts = Assert.Single(schema.Tables);
        Assert.Equal("accounts", accounts.Name);
        var index = Assert.Single(accounts.Indexes);
        Assert.Equal("accounts", index.Table);
        Assert.Equal("ix_users_email", index.Name);
        Assert.Null(schema.FindTable("users"));
    }

    [Fact]
    public void RenameTable_updates_the_foreign_keys_of_other_tables_that_reference_it()
    {
        var schema = With(Users, Orders).Apply(new RenameTable("users", "accounts"));

        Assert.Equal(["accounts", "orders"], TableNames(schema));
        Assert.Equal("accounts", Assert.Single(schema.GetTable("orders").ForeignKeys).ReferencedTable);
    }

    [Fact]
    public void RenameTable_updates_a_self_referencing_foreign_key()
    {
        var schema = With(Employees).Apply(new RenameTable("employees", "staff"));

        var foreignKey = Assert.Single(schema.GetTable("staff").ForeignKeys);
        Assert.Equal("staff", foreignKey.ReferencedTable);
        Assert.Equal(["manager_id"], foreignKey.Columns);
    }

    [Fact]
    public void RenameTable_of_a_missing_table_or_to_a_taken_name_is_refused()
    {
        Assert.Throws<SchemaObjectNotFoundException>(() => With(Users).Apply(new RenameTable("nope", "other")));
        var error = Assert.Throws<SchemaObjectExistsException>(() => With(Users, Orders).Apply(new RenameTable("orders", "users")));
        Assert.Equal("users", error.Name);
    }

    [Fact]
    public void A_table_operation_changes_only_the_table_it_names()
    {
        var schema = With(Users, Orders).Apply(new AddColumn("ORDERS", new ColumnDefinition("note", ColumnType.Text)));

        Assert.NotNull(schema.GetTable("orders").FindColumn("note"));
        Assert.Equal(Users, schema.GetTable("users"));
    }

    [Fact]
    public void A_table_operation_on_a_missing_table_is_refused()
    {
        var error = Assert.Throws<SchemaObjectNotFoundException>(() => With(Users).Apply(new DropColumn("orders", "id")));

        Assert.Equal("table", error.Kind);
        Assert.Equal("orders", error.Name);
    }

    [Fact]
    public void CreateIndex_is_applied_to_the_table_the_index_is_on()
    {
        var schema = With(Users, Orders).Apply(new CreateIndex(new IndexDefinition("ix_orders_user_id", "orders", ["user_id"])));

        Assert.Equal("ix_orders_user_id", Assert.Single(schema.GetTable("orders").Indexes).Name);
    }

    [Fact]
    public void RenameColumn_updates_the_foreign_keys_of_other_tables_that_reference_the_column()
    {
        var schema = With(Users, Orders).Apply(new RenameColumn("users", "id", "user_id"));

        Assert.Equal(["user_id"], Assert.Single(schema.GetTable("orders").ForeignKeys).ReferencedColumns);
    }

    [Fact]
    public void Raw_sql_and_data_statements_leave_the_schema_unchanged()
    {
        var schema = With(Users);

        Assert.Same(schema, schema.Apply(new ExecuteSql("DROP TABLE users", new Dictionary<string, string>())));
        Assert.Same(schema, schema.Apply(new DataStatement("DELETE FROM users", new Dictionary<string, object?>())));
    }

    [Fact]
    public void Without_leaves_out_the_named_tables_whatever_their_case()
    {
        var schema = With(Users, Orders, Employees).Without(["USERS", "employees", "missing"]);

        Assert.Equal(["orders"], TableNames(schema));
    }

    [Fact]
    public void Snapshots_with_the_same_tables_are_equal_and_print_the_same()
    {
        var built = With(Orders, Users);
        var rebuilt = With(Users, Orders);

        Assert.Equal(built, rebuilt);
        Assert.Equal(built.ToString(), rebuilt.ToString());
        Assert.NotEqual(built, rebuilt.Apply(new DropColumn("users", "email")));
    }

    [Fact]
    public void The_text_of_a_snapshot_lists_each_table_with_its_columns_and_constraints()
    {
        var text = With(Orders).ToString();

        Assert.Equal(
            "table orders\n" +
            "  column id bigint not null\n" +
            "  column user_id bigint null\n" +
            "  primary key pk_orders (id)\n" +
            "  foreign key fk_orders_user_id (user_id) -> users (id) on delete NoAction\n",
            text.ReplaceLineEndings("\n"));
    }
}
