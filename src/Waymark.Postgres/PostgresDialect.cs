using System.Globalization;
using System.Text;
using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Postgres;

/// <summary>
/// PostgreSQL's SQL. Every operation is a native ALTER (no rebuilds), DDL is transactional, and names of
/// the form <c>schema.table</c> are schema-qualified.
/// </summary>
public sealed class PostgresDialect : ISqlDialect
{
    /// <summary>The dialect's name.</summary>
    public const string DialectName = "postgres";

    /// <inheritdoc />
    public string Name => DialectName;

    /// <inheritdoc />
    public bool SupportsTransactionalDdl => true;

    /// <inheritdoc />
    public IReadOnlyList<SqlStatement> SessionSetup { get; } = [];

    /// <inheritdoc />
    /// <remarks>
    /// With <c>ON_ERROR_STOP</c> psql exits with status 3 at the first error (also under <c>psql -f</c> and
    /// <c>psql &lt; file</c>); the migration's open transaction is rolled back when the connection closes.
    /// </remarks>
    public IReadOnlyList<string> ScriptClientDirectives { get; } = ["\\set ON_ERROR_STOP on"];

    /// <inheritdoc />
    public bool NeedsTableRebuild(MigrationOperation operation) => false;

    /// <inheritdoc />
    /// <remarks>PostgreSQL refuses <c>CREATE</c>/<c>DROP INDEX CONCURRENTLY</c> inside a transaction block.</remarks>
    public bool RunsOutsideTransaction(MigrationOperation operation) => operation is CreateIndex { Concurrently: true } or DropIndex {
        Concurrently: true };

    /// <inheritdoc />
    public IReadOnlyList<SqlStatement> Timeouts(TimeSpan? lockTimeout, TimeSpan? statementTimeout, bool transactionScoped)
    {
        var statements = new List<SqlStatement>();
        void Set(string setting, TimeSpan? value)
        {
            if (value is { } limit)
                statements.Add(new($"SET {(transactionScoped ? "LOCAL " : "")}{setting} = '{(long)Math.Ceiling(limit.TotalMilliseconds)}ms'"));
            else if (!transactionScoped)
                statements.Add(new($"SET {setting} TO DEFAULT"));
        }
        Set("lock_timeout", lockTimeout);
        Set("statement_timeout", statementTimeout);
        return statements;
    }

    /// <inheritdoc />
    public string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Join('.', name.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
    }

    /// <inheritdoc />
    public string FormatLiteral(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "TRUE" : "FALSE",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTime d => "'" + d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "+00'",
        DateTimeOffset d => "'" + d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "+00'",
        DateOnly d => "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        TimeOnly t => "'" + t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'::time",
        TimeSpan t => "'" + t.TotalMicroseconds.ToString(CultureInfo.InvariantCulture) + " microseconds'::interval",
        Guid g => "'" + g.ToString("D") + "'::uuid",
        byte[] bytes => "'\\x" + Convert.ToHexStringLower(bytes) + "'::bytea",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => FormatLiteral(value.ToString()),
    };

    /// <summary>The PostgreSQL column type for a logical type.</summary>
    public static string TypeSql(ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            ColumnTypeKind.String => $"varchar({type.Length})",
            ColumnTypeKind.Text => "text",
            ColumnTypeKind.Int => "integer",
            ColumnTypeKind.BigInt => "bigint",
            ColumnTypeKind.Bool => "boolean",
            ColumnTypeKind.Money => $"numeric({type.Precision},{type.Scale})",
            ColumnTypeKind.Timestamp => "timestamp with time zone",
            ColumnTypeKind.Date => "date",
            ColumnTypeKind.Json => "jsonb",
            _ => type.NativeSql!,
        };
    }

    /// <inheritdoc />
    public string TypeFamily(ColumnType type)
    {
        var declared = (type?.Kind == ColumnTypeKind.Native ? type.NativeSql! : TypeSql(type!)).ToLowerInvariant();
        var name = declared.Split('(')[0].Trim();
        return name switch
        {
            "character varying" or "varchar" or "text" or "character" or "char" or "bpchar" or "citext" or "name" => "text",
            "smallint" or "integer" or "int" or "int2" or "int4" or "int8" or "bigint" or "serial" or "bigserial" or "smallserial" => "integer",
            "numeric" or "decimal" or "money" => "numeric",
            "real" or "double precision" or "float4" or "float8" => "float",
            "boolean" or "bool" => "boolean",
            "json" or "jsonb" => "json",
            _ when name.StartsWith("timestamp", StringComparison.Ordinal) => "timestamp",
            _ when name.StartsWith("time", StringComparison.Ordinal) => "time",
            _ => name,
        };
    }

    /// <inheritdoc />
    public IReadOnlyList<SqlStatement> Generate(MigrationOperation operation) => operation switch
    {
        CreateTable create => CreateTableStatements(create.Definition),
        DropTable drop => [new($"DROP TABLE {QuoteIdentifier(drop.Table)}")],
        RenameTable rename => [new($"ALTER TABLE {QuoteIdentifier(rename.Table)} RENAME TO {QuoteIdentifier(Revisions.Names.Bare(rename.NewName))}")],
        AddColumn add => [new($"ALTER TABLE {QuoteIdentifier(add.Table)} ADD COLUMN {ColumnSql(add.Column)}")],
        DropColumn drop => [new($"ALTER TABLE {QuoteIdentifier(drop.Table)} DROP COLUMN {QuoteIdentifier(drop.Column)}")],
        RenameColumn rename => [
            new($"ALTER TABLE {QuoteIdentifier(rename.Table)} RENAME COLUMN {QuoteIdentifier(rename.Column)} TO {QuoteIdentifier(rename.NewName)}")],
        AlterColumn alter => AlterColumnStatements(alter),
        CreateIndex create => [CreateIndexStatement(create.Index, create.Concurrently)],
        DropIndex drop => [
            new($"DROP INDEX {(drop.Concurrently ? "CONCURRENTLY IF EXISTS " : "")}{QuoteIdentifier(SchemaOf(drop.Table) + drop.Name)}")],
        AddForeignKey add => [new($"ALTER TABLE {QuoteIdentifier(add.Table)} ADD {ForeignKeySql(add.ForeignKey)}{NotValid(add.NotValid)}")],
        AddUniqueConstraint add => [
            new($"ALTER TABLE {QuoteIdentifier(add.Table)} ADD {ConstraintName(add.Constraint.Name)}UNIQUE ({Columns(add.Constraint.Columns)})")],
        AddCheckConstraint add => [new($"ALTER TABLE {QuoteIdentifier(add.Table)} " +
            $"ADD {ConstraintName(add.Constraint.Name)}CHECK ({add.Constraint.Expression}){NotValid(add.NotValid)}")],
        ValidateConstraint validate => [new($"ALTER TABLE {QuoteIdentifier(validate.Table)} VALIDATE CONSTRAINT {QuoteIdentifier(validate.Name)}")],
        DropForeignKey drop => [DropConstraint(drop.Table, drop.Name)],
        DropUniqueConstraint drop => [DropConstraint(drop.Table, drop.Name)],
        DropCheckConstraint drop => [DropConstraint(drop.Table, drop.Name)],
        ExecuteSql sql => sql.For(Name) is { } text ? [new(text)] : [],
        DataStatement data => [new(data.Sql, data.Parameters)],
        _ => throw new NotSupportedException($"The PostgreSQL dialect has no SQL for '{operation.Describe()}'."),
    };

    /// <inheritdoc />
    public IReadOnlyList<SqlStatement> GenerateAddColumnsIfMissing(TableDefinition table, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        return [.. columns.Select(c => new SqlStatement(
            $"ALTER TABLE {QuoteIdentifier(table.Name)} ADD COLUMN IF NOT EXISTS {ColumnSql(table.GetColumn(c))}"))];
    }

    /// <inheritdoc />
    public IReadOnlyList<SqlStatement> GenerateRebuild(TableRebuild rebuild) =>
        throw new NotSupportedException("PostgreSQL alters tables in place; it never rebuilds one.");

    private List<SqlStatement> CreateTableStatements(TableDefinition table)
    {
        var parts = new List<string>();
        parts.AddRange(table.Columns.Select(ColumnSql));
        if (table.PrimaryKey is { } key)
            parts.Add($"{ConstraintName(key.Name)}PRIMARY KEY ({Columns(key.Columns)})");
        parts.AddRange(table.UniqueConstraints.Select(u => $"{ConstraintName(u.Name)}UNIQUE ({Columns(u.Columns)})"));
        parts.AddRange(table.ForeignKeys.Select(ForeignKeySql));
        parts.AddRange(table.CheckConstraints.Select(c => $"{ConstraintName(c.Name)}CHECK ({c.Expression})"));
        var sql = new StringBuilder().Append("CREATE TABLE ").Append(QuoteIdentifier(table.Name)).Append(" (\n    ")
            .AppendJoin(",\n    ", parts).Append("\n)").ToString();
        return [new SqlStatement(sql), .. table.Indexes.Select(CreateIndexStatement), .. table.NativeObjects.Select(n => new SqlStatement(n.Sql))];
    }

    private List<SqlStatement> AlterColumnStatements(AlterColumn alter)
    {
        var prefix = $"ALTER TABLE {QuoteIdentifier(alter.Table)} ALTER COLUMN {QuoteIdentifier(alter.Column)}";
        var statements = new List<SqlStatement>();
        if (alter.Type is { } type)
            statements.Add(new($"{prefix} TYPE {TypeSql(type)} USING {QuoteIdentifier(alter.Column)}::{TypeSql(type)}"));
        if (alter.Nullable is { } nullable)
            statements.Add(new($"{prefix} {(nullable ? "DROP" : "SET")} NOT NULL"));
        if (alter.DropDefault)
            statements.Add(new($"{prefix} DROP DEFAULT"));
        else if (alter.Default is { } value)
            statements.Add(new($"{prefix} SET DEFAULT {DefaultSql(value)}"));
        return statements;
    }

    private string ColumnSql(ColumnDefinition column)
    {
        var sql = new StringBuilder().Append(QuoteIdentifier(column.Name)).Append(' ').Append(TypeSql(column.Type));
        if (column.Identity)
            sql.Append(" GENERATED BY DEFAULT AS IDENTITY");
        if (!column.Nullable)
            sql.Append(" NOT NULL");
        if (column.Default is { } value && !column.Identity)
            sql.Append(" DEFAULT ").Append(DefaultSql(value));
        return sql.ToString();
    }

    private string DefaultSql(DefaultValue value) =>
        value.IsCurrentTimestamp ? "CURRENT_TIMESTAMP" : value.Sql ?? FormatLiteral(value.Constant);

    private string ForeignKeySql(ForeignKeyDefinition key) =>
        $"{ConstraintName(key.Name)}FOREIGN KEY ({Columns(key.Columns)}) " +
        $"REFERENCES {QuoteIdentifier(key.ReferencedTable)} ({Columns(key.ReferencedColumns)}){OnDelete(key.OnDelete)}";

    private SqlStatement CreateIndexStatement(IndexDefinition index) => CreateIndexStatement(index, concurrently: false);

    private SqlStatement CreateIndexStatement(IndexDefinition index, bool concurrently)
    {
        var where = index.Filter is null ? "" : $" WHERE {index.Filter}";
        return new($"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX " +
            $"{(concurrently ? "CONCURRENTLY IF NOT EXISTS " : "")}{QuoteIdentifier(Revisions.Names.Bare(index.Name))} " +
            $"ON {QuoteIdentifier(index.Table)} ({Columns(index.Columns)}){where}");
    }

    private SqlStatement DropConstraint(string table, string name) =>
        new($"ALTER TABLE {QuoteIdentifier(table)} DROP CONSTRAINT {QuoteIdentifier(name)}");

    private static string NotValid(bool notValid) => notValid ? " NOT VALID" : "";

    private string ConstraintName(string? name) => name is null ? "" : $"CONSTRAINT {QuoteIdentifier(name)} ";

    private string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(QuoteIdentifier));

    /// <summary>"schema." of a qualified table name, so its indexes are found in the same schema.</summary>
    private static string SchemaOf(string table) => table.Contains('.', StringComparison.Ordinal) ? table[..(table.LastIndexOf('.') + 1)] : "";

    private static string OnDelete(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => " ON DELETE CASCADE",
        ReferentialAction.SetNull => " ON DELETE SET NULL",
        ReferentialAction.Restrict => " ON DELETE RESTRICT",
        ReferentialAction.SetDefault => " ON DELETE SET DEFAULT",
        _ => "",
    };
}
