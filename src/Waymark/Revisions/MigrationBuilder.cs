using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Revisions;

/// <summary>
/// Records a migration's operations in a dialect-neutral form. Names follow the conventions
/// <c>fk_&lt;table&gt;_&lt;column&gt;</c>, <c>ix_&lt;table&gt;_&lt;columns&gt;</c> and
/// <c>uq_&lt;table&gt;_&lt;columns&gt;</c> unless given.
/// </summary>
public sealed class MigrationBuilder
{
    private readonly List<MigrationOperation> _operations = [];

    /// <summary>The operations recorded so far, in order.</summary>
    public IReadOnlyList<MigrationOperation> Operations => _operations;

    /// <summary>Records any operation.</summary>
    public MigrationBuilder Add(MigrationOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _operations.Add(operation);
        return this;
    }

    /// <summary>Creates a table whose columns and constraints <paramref name="build"/> declares.</summary>
    public MigrationBuilder CreateTable(string name, Action<TableBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var table = new TableBuilder(name);
        build(table);
        return Add(new CreateTable(table.Build()));
    }

    /// <summary>Drops a table.</summary>
    public MigrationBuilder DropTable(string name) => Add(new DropTable(name));

    /// <summary>Renames a table.</summary>
    public MigrationBuilder RenameTable(string name, string newName) => Add(new RenameTable(name, newName));

    /// <summary>Adds a column.</summary>
    public MigrationBuilder AddColumn(string table, string column, ColumnType type, bool nullable = true, object? defaultValue = null) =>
        Add(new AddColumn(table, new ColumnDefinition(column, type, nullable, defaultValue is null ? null : DefaultValue.Of(defaultValue))));

    /// <summary>Drops a column (and the indexes and constraints that include it).</summary>
    public MigrationBuilder DropColumn(string table, string column) => Add(new DropColumn(table, column));

    /// <summary>Renames a column.</summary>
    public MigrationBuilder RenameColumn(string table, string column, string newName) => Add(new RenameColumn(table, column, newName));

    /// <summary>Changes a column's type, nullability or default.</summary>
    public MigrationBuilder AlterColumn(
        string table, string column, ColumnType? type = null, bool? nullable = null, object? defaultValue = null, bool dropDefault = false) =>
        Add(new AlterColumn(table, column)
        {
            Type = type,
            Nullable = nullable,
            Default = defaultValue is null ? null : DefaultValue.Of(defaultValue),
            DropDefault = dropDefault,
        });

    /// <summary>
    /// Creates an index named <c>ix_&lt;table&gt;_&lt;columns&gt;</c> unless <paramref name="name"/> is given;
    /// <paramref name="concurrently"/> builds it without blocking writes (PostgreSQL; see <see cref="Operations.CreateIndex"/>).
    /// </summary>
    public MigrationBuilder CreateIndex(
        string table, string[] columns, string? name = null, bool unique = false, string? filter = null, bool concurrently = false) =>
        Add(new CreateIndex(new IndexDefinition(name ?? Names.Index(table, columns), table, columns, unique, filter), concurrently));

    /// <summary>Drops an index; <paramref name="concurrently"/> without blocking the table (PostgreSQL).</summary>
    public MigrationBuilder DropIndex(string table, string name, bool concurrently = false) => Add(new DropIndex(table, name, concurrently));

    /// <summary>
    /// Adds a foreign key named <c>fk_&lt;table&gt;_&lt;column&gt;</c> unless <paramref name="name"/> is given;
    /// <paramref name="notValid"/> leaves the existing rows unchecked until <see cref="ValidateConstraint"/> (PostgreSQL).
    /// </summary>
    public MigrationBuilder AddForeignKey(string table, string column, string referencedTable, string referencedColumn = "id",
        ReferentialAction onDelete = ReferentialAction.NoAction, string? name = null, bool notValid = false) =>
        Add(new AddForeignKey(table, new ForeignKeyDefinition(
            name ?? Names.ForeignKey(table, column), [column], referencedTable, [referencedColumn], onDelete) { NotValid = notValid }, notValid));

    /// <summary>Drops a foreign key.</summary>
    public MigrationBuilder DropForeignKey(string table, string name) => Add(new DropForeignKey(table, name));

    /// <summary>Adds a unique constraint named <c>uq_&lt;table&gt;_&lt;columns&gt;</c> unless <paramref name="name"/> is given.</summary>
    public MigrationBuilder AddUniqueConstraint(string table, string[] columns, string? name = null) =>
        Add(new AddUniqueConstraint(table, new UniqueConstraintDefinition(name ?? Names.Unique(table, columns), columns)));

    /// <summary>Drops a unique constraint.</summary>
    public MigrationBuilder DropUniqueConstraint(string table, string name) => Add(new DropUniqueConstraint(table, name));

    /// <summary>Adds a check constraint; <paramref name="notValid"/> leaves the existing rows unchecked until
    /// <see cref="ValidateConstraint"/> (PostgreSQL).</summary>
    public MigrationBuilder AddCheckConstraint(string table, string name, string expression, bool notValid = false) =>
        Add(new AddCheckConstraint(table, new CheckConstraintDefinition(name, expression) { NotValid = notValid }, notValid));

    /// <summary>Checks the existing rows against a foreign key or check constraint added with <c>notValid</c>
    /// (PostgreSQL; nothing on SQLite).</summary>
    public MigrationBuilder ValidateConstraint(string table, string name) => Add(new ValidateConstraint(table, name));

    /// <summary>Drops a check constraint.</summary>
    public MigrationBuilder DropCheckConstraint(string table, string name) => Add(new DropCheckConstraint(table, name));

    /// <summary>Runs raw SQL on every dialect.</summary>
    public MigrationBuilder Sql(string sql) => Add(new ExecuteSql(sql, new Dictionary<string, string>()));

    /// <summary>Runs raw SQL written per dialect (<c>sqlite</c>, <c>postgres</c>); dialects not named run
    /// <paramref name="otherwise"/>, or nothing.</summary>
    public MigrationBuilder Sql(IReadOnlyDictionary<string, string> perDialect, string? otherwise = null) =>
        Add(new ExecuteSql(otherwise, perDialect));

    /// <summary>Runs a parameterised data statement; parameters are written <c>@name</c> in the SQL.</summary>
    public MigrationBuilder Execute(string sql, params (string Name, object? Value)[] parameters) =>
        Add(new DataStatement(sql, parameters.ToDictionary(p => p.Name, p => p.Value)));
}
