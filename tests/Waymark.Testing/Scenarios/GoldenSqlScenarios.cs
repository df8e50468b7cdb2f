using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Testing.Scenarios;

/// <summary>
/// The SQL a dialect writes for each kind of operation, word for word. Every case's expected text is an
/// abstract member, so a dialect without it does not compile; and a new <see cref="MigrationOperation"/>
/// without a case here fails <see cref="Every_migration_operation_has_a_golden_case"/>. Operations the
/// dialect makes by recreating the table are shown as the rebuild of <see cref="Orders"/> they cause.
/// </summary>
public abstract class GoldenSqlScenarios
{
    /// <summary>The table whose rebuild shows the operations a dialect makes by recreating it.</summary>
    protected static TableDefinition Orders => SampleTables.Orders;

    protected static readonly CreateTable CreateTableCase = new(new TableDefinition(
        "invoices",
        [
            new ColumnDefinition("id", ColumnType.BigInt, Nullable: false, Identity: true),
            new ColumnDefinition("order_id", ColumnType.BigInt, Nullable: false),
            new ColumnDefinition("number", ColumnType.String(30), Nullable: false),
            new ColumnDefinition("paid", ColumnType.Bool, Nullable: false, Default: DefaultValue.Of(false)),
            new ColumnDefinition("issued_at", ColumnType.Timestamp, Nullable: false, Default: DefaultValue.CurrentTimestamp),
            new ColumnDefinition("due_on", ColumnType.Date),
            new ColumnDefinition("lines", ColumnType.Json),
            new ColumnDefinition("discount", ColumnType.Int, Default: DefaultValue.Of(-1)),
        ],
        new PrimaryKeyDefinition("pk_invoices", ["id"]),
        [new ForeignKeyDefinition("fk_invoices_order_id", ["order_id"], "orders", ["id"], ReferentialAction.Restrict)],
        [new UniqueConstraintDefinition("uq_invoices_number", ["number"])],
        [new CheckConstraintDefinition("ck_invoices_discount", "discount >= -1")],
        [new IndexDefinition("ix_invoices_order_id", "invoices", ["order_id"])]));

    protected static readonly DropTable DropTableCase = new("orders");
    protected static readonly RenameTable RenameTableCase = new("orders", "purchases");
    protected static readonly AddColumn AddColumnCase = new("orders", new ColumnDefinition("note", ColumnType.Text));
    protected static readonly AddColumn AddNotNullColumnCase =
        new("orders", new ColumnDefinition("placed_at", ColumnType.Timestamp, Nullable: false, Default: DefaultValue.CurrentTimestamp));
    protected static readonly DropColumn DropColumnCase = new("orders", "code");
    protected static readonly RenameColumn RenameColumnCase = new("orders", "code", "reference");
    protected static readonly AlterColumn AlterColumnCase = new("orders", "code")
    {
        Type = ColumnType.String(40),
        Nullable = false,
        Default = DefaultValue.Of("none"),
    };
    protected static readonly AlterColumn AlterColumnDropDefaultCase = new("orders", "total") { Nullable = true, DropDefault = true };
    protected static readonly CreateIndex CreateIndexCase = new(new IndexDefinition("ix_orders_total", "orders", ["total"]));
    protected static readonly CreateIndex CreateUniqueIndexCase = new(new IndexDefinition("ux_orders_user_id_code", "orders", ["user_id", "code"], Unique: true));
    protected static readonly CreateIndex CreatePartialIndexCase =
        new(new IndexDefinition("ix_orders_open", "orders", ["user_id"], Filter: "total > 0"));
    protected static readonly DropIndex DropIndexCase = new("orders", "ix_orders_user_id_code");
    protected static readonly CreateIndex CreateIndexConcurrentlyCase =
        new(new IndexDefinition("ux_orders_user_id_code", "orders", ["user_id", "code"], Unique: true), Concurrently: true);
    protected static readonly DropIndex DropIndexConcurrentlyCase = new("orders", "ix_orders_user_id_code", Concurrently: true);
    protected static readonly AddForeignKey AddForeignKeyCase =
        new("orders", new ForeignKeyDefinition("fk_orders_code", ["code"], "codes", ["value"], ReferentialAction.SetNull));
    protected static readonly DropForeignKey DropForeignKeyCase = new("orders", "fk_orders_user_id");
    protected static readonly AddUniqueConstraint AddUniqueConstraintCase = new("orders", new UniqueConstraintDefinition("uq_orders_user_id_total", ["user_id", "total"]));
    protected static readonly DropUniqueConstraint DropUniqueConstraintCase = new("orders", "uq_orders_code");
    protected static readonly AddCheckConstraint AddCheckConstraintCase = new("orders", new CheckConstraintDefinition("ck_orders_code", "code <> ''"));
    protected static readonly DropCheckConstraint DropCheckConstraintCase = new("orders", "ck_orders_total");
    protected static readonly AddForeignKey AddForeignKeyNotValidCase =
        new("orders", new ForeignKeyDefinition("fk_orders_code", ["code"], "codes", ["value"], ReferentialAction.SetNull), NotValid: true);
    protected static readonly AddCheckConstraint AddCheckConstraintNotValidCase = new("orders", new CheckConstraintDefinition("ck_orders_code", "code <> ''"), NotValid: true);
    protected static readonly ValidateConstraint ValidateConstraintCase = new("orders", "fk_orders_user_id");
    protected static readonly ExecuteSql ExecuteSqlCase = new("UPDATE orders SET total = 0", new Dictionary<string, string>
    {
        ["sqlite"] = "UPDATE orders SET code = NULL WHERE code = ''",
        ["postgres"] = "UPDATE orders SET code = NULL WHERE code = '' RETURNING id",
    });
    protected static readonly ExecuteSql ExecuteSqlElsewhereOnlyCase = new(null, new Dictionary<string, string> { ["elsewhere"] = "SELECT 1" });
    protected static readonly DataStatement DataStatementCase = new(
        "INSERT INTO orders (user_id, code, total) VALUES (@user, @code, @total)",
        new Dictionary<string, object?> { ["user"] = 7L, ["code"] = "o'k", ["total"] = 12.5m });

    /// <summary>Every case, one per operation kind at least.</summary>
    protected static IReadOnlyList<MigrationOperation> Cases { get; } =
    [
        CreateTableCase, DropTableCase, RenameTableCase, AddColumnCase, AddNotNullColumnCase, DropColumnCase, RenameColumnCase,
        AlterColumnCase, AlterColumnDropDefaultCase, CreateIndexCase, CreateUniqueIndexCase, CreatePartialIndexCase, DropIndexCase,
        CreateIndexConcurrentlyCase, DropIndexConcurrentlyCase,
        AddForeignKeyCase, DropForeignKeyCase, AddUniqueConstraintCase, DropUniqueConstraintCase, AddCheckConstraintCase,
        DropCheckConstraintCase, AddForeignKeyNotValidCase, AddCheckConstraintNotValidCase, ValidateConstraintCase,
        ExecuteSqlCase, ExecuteSqlElsewhereOnlyCase, DataStatementCase,
    ];

    protected abstract ISqlDialect Dialect { get; }

    protected abstract string CreateTableSql { get; }
    protected abstract string DropTableSql { get; }
    protected abstract string RenameTableSql { get; }
    protected abstract string AddColumnSql { get; }
    protected abstract string AddNotNullColumnSql { get; }
    protected abstract string DropColumnSql { get; }
    protected abstract string RenameColumnSql { get; }
    protected abstract string AlterColumnSql { get; }
    protected abstract string AlterColumnDropDefaultSql { get; }
    protected abstract string CreateIndexSql { get; }
    protected abstract string CreateUniqueIndexSql { get; }
    protected abstract string CreatePartialIndexSql { get; }
    protected abstract string DropIndexSql { get; }
    protected abstract string AddForeignKeySql { get; }
    protected abstract string DropForeignKeySql { get; }
    protected abstract string AddUniqueConstraintSql { get; }
    protected abstract string DropUniqueConstraintSql { get; }
    protected abstract string AddCheckConstraintSql { get; }
    protected abstract string DropCheckConstraintSql { get; }
    protected abstract string CreateIndexConcurrentlySql { get; }
    protected abstract string DropIndexConcurrentlySql { get; }
    protected abstract string AddForeignKeyNotValidSql { get; }
    protected abstract string AddCheckConstraintNotValidSql { get; }
    /// <summary>Empty where the dialect has nothing to validate.</summary>
    protected abstract string ValidateConstraintSql { get; }
    /// <summary>A migration transaction's timeouts: lock 5 s, statement 1.5 s (empty where the dialect has none).</summary>
    protected abstract string TransactionTimeoutsSql { get; }
    /// <summary>What puts a session's timeouts back to the server's after a migration run outside a transaction.</summary>
    protected abstract string SessionTimeoutsResetSql { get; }
    protected abstract string ExecuteSqlSql { get; }
    protected abstract string DataStatementSql { get; }

    /// <summary>The lines at the top of an offline script that make the dialect's command-line client stop at the first error.</summary>
    protected abstract IReadOnlyList<string> ScriptClientDirectives { get; }

    [Fact]
    public void Every_migration_operation_has_a_golden_case()
    {
        var kinds = typeof(MigrationOperation).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(MigrationOperation)) && !t.IsAbstract)
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToList();
        var covered = Cases.Select(c => c.GetType().Name).ToHashSet(StringComparer.Ordinal);

        var missing = kinds.Except(covered).ToList();
        Assert.True(missing.Count == 0, $"no golden case for: {string.Join(", ", missing)}");
        Assert.True(kinds.Count >= 17, "the operations are found by reflection");
    }

    [Fact]
    public void Every_golden_case_makes_sql_on_this_dialect_without_throwing() =>
        Assert.All(Cases.Where(c => c != ExecuteSqlElsewhereOnlyCase && !(c == ValidateConstraintCase && ValidateConstraintSql.Length == 0)), c => Assert.NotEmpty(Sql(c)));

    [Fact]
    public void Create_table() => Assert.Equal(CreateTableSql, Sql(CreateTableCase));

    [Fact]
    public void Drop_table() => Assert.Equal(DropTableSql, Sql(DropTableCase));

    [Fact]
    public void Rename_table() => Assert.Equal(RenameTableSql, Sql(RenameTableCase));

    [Fact]
    public void Add_column() => Assert.Equal(AddColumnSql, Sql(AddColumnCase));

    [Fact]
    public void Add_not_null_column_defaulting_to_the_current_timestamp() => Assert.Equal(AddNotNullColumnSql, Sql(AddNotNullColumnCase));

    [Fact]
    public void Drop_column_with_its_unique_constraint_and_index() => Assert.Equal(DropColumnSql, Sql(DropColumnCase));

    [Fact]
    public void Rename_column() => Assert.Equal(RenameColumnSql, Sql(RenameColumnCase));

    [Fact]
    public void Alter_column_type_nullability_and_default() => Assert.Equal(AlterColumnSql, Sql(AlterColumnCase));

    [Fact]
    public void Alter_column_to_nullable_dropping_its_default() => Assert.Equal(AlterColumnDropDefaultSql, Sql(AlterColumnDropDefaultCase));

    [Fact]
    public void Create_index() => Assert.Equal(CreateIndexSql, Sql(CreateIndexCase));

    [Fact]
    public void Create_unique_index() => Assert.Equal(CreateUniqueIndexSql, Sql(CreateUniqueIndexCase));

    [Fact]
    public void Create_partial_index() => Assert.Equal(CreatePartialIndexSql, Sql(CreatePartialIndexCase));

    [Fact]
    public void Drop_index() => Assert.Equal(DropIndexSql, Sql(DropIndexCase));

    [Fact]
    public void Add_foreign_key() => Assert.Equal(AddForeignKeySql, Sql(AddForeignKeyCase));

    [Fact]
    public void Drop_foreign_key() => Assert.Equal(DropForeignKeySql, Sql(DropForeignKeyCase));

    [Fact]
    public void Add_unique_constraint() => Assert.Equal(AddUniqueConstraintSql, Sql(AddUniqueConstraintCase));

    [Fact]
    public void Drop_unique_constraint() => Assert.Equal(DropUniqueConstraintSql, Sql(DropUniqueConstraintCase));

    [Fact]
    public void Add_check_constraint() => Assert.Equal(AddCheckConstraintSql, Sql(AddCheckConstraintCase));

    [Fact]
    public void Drop_check_constraint() => Assert.Equal(DropCheckConstraintSql, Sql(DropCheckConstraintCase));

    [Fact]
    public void Create_unique_index_concurrently() => Assert.Equal(CreateIndexConcurrentlySql, Sql(CreateIndexConcurrentlyCase));

    [Fact]
    public void Drop_index_concurrently() => Assert.Equal(DropIndexConcurrentlySql, Sql(DropIndexConcurrentlyCase));

    [Fact]
    public void Add_foreign_key_not_valid() => Assert.Equal(AddForeignKeyNotValidSql, Sql(AddForeignKeyNotValidCase));

    [Fact]
    public void Add_check_constraint_not_valid() => Assert.Equal(AddCheckConstraintNotValidSql, Sql(AddCheckConstraintNotValidCase));

    [Fact]
    public void Validate_constraint() => Assert.Equal(ValidateConstraintSql, Sql(ValidateConstraintCase));

    [Fact]
    public void Timeouts_of_a_migration_transaction() =>
        Assert.Equal(TransactionTimeoutsSql, Join(Dialect.Timeouts(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1.5), transactionScoped: true)));

    [Fact]
    public void Timeouts_of_a_session_put_back_to_the_servers() =>
        Assert.Equal(SessionTimeoutsResetSql, Join(Dialect.Timeouts(null, null, transactionScoped: false)));

    [Fact]
    public void Raw_sql_runs_this_dialects_text_and_nothing_where_only_another_dialect_has_text()
    {
        Assert.Equal(ExecuteSqlSql, Sql(ExecuteSqlCase));
        Assert.Equal("", Sql(ExecuteSqlElsewhereOnlyCase));
    }

    [Fact]
    public void Offline_scripts_tell_the_client_to_stop_at_the_first_error() => Assert.Equal(ScriptClientDirectives, Dialect.ScriptClientDirectives);

    [Fact]
    public void Data_statement_with_its_parameters_inlined_as_literals() => Assert.Equal(DataStatementSql, Sql(DataStatementCase));

    /// <summary>
    /// The statements the dialect writes for <paramref name="operation"/> (parameters inlined), one per line
    /// ending in ';'; a change the dialect makes by a rebuild is written as the rebuild of <see cref="Orders"/>.
    /// </summary>
    protected string Sql(MigrationOperation operation)
    {
        var statements = operation is TableOperation change && Dialect.NeedsTableRebuild(operation)
            ? Dialect.GenerateRebuild(Rebuild(change))
            : Dialect.Generate(operation);
        return Join(statements);
    }

    private string Join(IEnumerable<SqlStatement> statements) => string.Join("\n", statements.Select(s => s.Inline(Dialect) + ";"));

    private static TableRebuild Rebuild(TableOperation change)
    {
        var to = Orders.Apply(change);
        var copied = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in to.Columns)
        {
            var source = change is RenameColumn rename && string.Equals(column.Name, rename.NewName, StringComparison.OrdinalIgnoreCase) ? rename.Column : column.Name;
            if (Orders.FindColumn(source) is not null)
                copied[column.Name] = source;
        }
        return new TableRebuild(Orders, to, copied);
    }
}
