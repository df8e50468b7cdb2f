using System.Globalization;
using System.Text;
using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Schema;

namespace Waymark.Sqlite;

/// <summary>
/// SQLite's SQL. What its ALTER TABLE cannot do (alter or drop a column, add or drop a constraint, add a
/// column that needs a rebuild) is done by recreating the table and copying its rows.
/// </summary>
public sealed class SqliteDialect : ISqlDialect
{
    /// <summary>The dialect's name.</summary>
    public const string DialectName = "sqlite";

    private const string RebuildPrefix = "_waymark_rebuild_";

    /// <inheritdoc />
    public string Name => DialectName;

    /// <inheritdoc />
    public bool SupportsTransactionalDdl => true;

    /// <inheritdoc />
    /// <remarks>
    /// Foreign-key enforcement is off while migrations run, so dropping the old table of a rebuild does not
    /// cascade to child rows; <c>PRAGMA foreign_key_check</c> runs before each migration commits instead.
    /// </remarks>
    public IReadOnlyList<SqlStatement> SessionSetup { get; } =
    [
        new("PRAGMA foreign_keys = OFF"),
        new("PRAGMA legacy_alter_table = OFF"),
    ];

    /// <inheritdoc />
    /// <remarks>
    /// sqlite3 honours <c>.bail on</c> in a script read from standard input: it exits with status 1 at the first
    /// error, and the open transaction of that migration is rolled back when the connection closes.
    /// </remarks>
    public IReadOnlyList<string> ScriptClientDirectives { get; } = [".bail on"];

    /// <inheritdoc />
    /// <remarks>SQLite has no concurrent index builds: <c>concurrently</c> is ignored and the index is made in the migration's transaction.</remarks>
    public bool RunsOutsideTransaction(MigrationOperation operation) => false;

    /// <inheritdoc />
    /// <remarks>
    /// Ignored: SQLite has one writer at a time and no queue of lock requests to bound (the migration lock already
    /// waits for another run), nor a per-statement time limit.
    /// </remarks>
    public IReadOnlyList<SqlStatement> Timeouts(TimeSpan? lockTimeout, TimeSpan? statementTimeout, bool transactionScoped) => [];

    /// <inheritdoc />
    public bool NeedsTableRebuild(MigrationOperation operation) => operation switch
    {
        AlterColumn or DropColumn => true,
        AddForeignKey or DropForeignKey or AddUniqueConstraint or DropUniqueConstraint or AddCheckConstraint or DropCheckConstraint => true,
        // ADD COLUMN takes neither a NOT NULL column without a default nor a non-constant default.
        AddColumn add => add.Column.Identity || (!add.Column.Nullable && add.Column.Default is null)
            || add.Column.Default?.IsCurrentTimestamp == true,
        _ => false,
    };

    /// <inheritdoc />
    public string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <inheritdoc />
    public string FormatLiteral(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "1" : "0",
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        DateTime d => "'" + d.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        DateTimeOffset d => "'" + d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        DateOnly d => "'" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'",
        TimeOnly t => "'" + t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "'",
        TimeSpan t => "'" + t.ToString("c", CultureInfo.InvariantCulture) + "'",
        Guid g => "'" + g.ToString("D").ToUpperInvariant() + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => FormatLiteral(value.ToString()),
    };

    /// <inheritdoc />
    public IReadOnlyList<SqlStatement> Generate(MigrationOperation operation) => operation switch
    {
        CreateTable create => CreateTableStatements(create.Definition, create.Definition.Name),
        DropTable drop => [new($"DROP TABLE {QuoteIdentifier(drop.Table)}")],
        RenameTable rename => [new($"ALTER TABLE {QuoteIdentifier(rename.Table)} RENAME TO {QuoteIdentifier(rename.NewName)}")],
        AddColumn add => [new($"ALTER TABLE {QuoteIdentifier(add.Table)} ADD COLUMN {ColumnSql(add.Column, primaryKey: null)}")],
        RenameColumn rename => [
            new($"ALTER TABLE {QuoteIdentifier(rename.Table)} RENAME COLUMN {QuoteIdentifier(rename.Column)} TO {QuoteIdentifier(rename.NewName)}")],
        CreateIndex create => [CreateIndexStatement(create.Index, create.Index.Table)],
        DropIndex drop => [new($"DROP INDEX {QuoteIdentifier(drop.Name)}")],
        // The rebuild that added the constraint checked every row: there is nothing left to validate.
        ValidateConstraint => [],
        ExecuteSql sql => sql.For(Name) is { } text ? [new(text)] : [],
        DataStatement data => [new(data.Sql, data.Parameters)],
        _ => throw new NotSupportedException(
            $"The SQLite dialect makes '{operation.Describe()}' by rebuilding the table; it has no single statement for it."),
    };

    /// <inheritdoc />
    /// <remarks>
    /// SQLite has no <c>ADD COLUMN IF NOT EXISTS</c>, and a statement naming a missing column fails before it runs. So the table
    /// is copied into its full definition, and each column that may be missing is read by a subquery: SQLite resolves its
    /// unqualified name in the old table when that has the column, else in the outer row of nulls.
    /// </remarks>
    public IReadOnlyList<SqlStatement> GenerateAddColumnsIfMissing(TableDefinition table, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        var previous = QuoteIdentifier(RebuildPrefix + table.Name);
        var maybeMissing = columns.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var values = table.Columns.Select(c => maybeMissing.Contains(c.Name)
            ? $"(SELECT {QuoteIdentifier(c.Name)} FROM {previous} AS old WHERE old.rowid = p.rowid)"
            : $"p.{QuoteIdentifier(c.Name)}");
        var nulls = string.Join(", ", columns.Select(c => $"NULL AS {QuoteIdentifier(c)}"));
        return
        [
            new("PRAGMA legacy_alter_table = ON"),
            new($"ALTER TABLE {QuoteIdentifier(table.Name)} RENAME TO {previous}"),
            new("PRAGMA legacy_alter_table = OFF"),
            .. CreateTableStatements(table, table.Name),
            new($"INSERT INTO {QuoteIdentifier(table.Name)} ({string.Join(", ", table.Columns.Select(c => QuoteIdentifier(c.Name)))}) " +
                $"SELECT {string.Join(", ", values)} FROM {previous} AS p, (SELECT {nulls}) AS missing ORDER BY p.rowid"),
            new($"DROP TABLE {previous}"),
        ];
    }

    /// <inheritdoc />
    public IReadOnlyList<SqlStatement> GenerateRebuild(TableRebuild rebuild)
    {
        ArgumentNullException.ThrowIfNull(rebuild);
        var table = rebuild.From.Name;
        var temporary = RebuildPrefix + table;
        var statements = new List<SqlStatement>();
        // Indexes belong to the old table and go with it; they are recreated on the new one below.
        // Foreign keys in the order the schema reader gives them: an online rebuild starts from the table as read,
        // an offline one from the model, and both must write the same table (and so record the same checksum).
        var foreignKeys = rebuild.To.ForeignKeys.OrderBy(f => string.Join(",", f.Columns), StringComparer.Ordinal).ThenBy(
            f => f.ReferencedTable, StringComparer.Ordinal);
        statements.AddRange(CreateTableStatements(rebuild.To with { Indexes = [], ForeignKeys = [.. foreignKeys] }, temporary));
        var copied = rebuild.To.Columns.Where(c => rebuild.CopiedColumns.ContainsKey(c.Name)).ToList();
        if (copied.Count > 0)
        {
            var into = string.Join(", ", copied.Select(c => QuoteIdentifier(c.Name)));
            var from = string.Join(", ", copied.Select(c => QuoteIdentifier(rebuild.CopiedColumns[c.Name])));
            statements.Add(new($"INSERT INTO {QuoteIdentifier(temporary)} ({into}) SELECT {from} FROM {QuoteIdentifier(table)}"));
        }
        if (rebuild.To.Columns.Any(c => c.Identity))
        {
            // Dropping the old table drops its AUTOINCREMENT counter; carry it over so deleted ids are never reused.
            statements.Add(new($"DELETE FROM sqlite_sequence WHERE name = {FormatLiteral(temporary)}"));
            statements.Add(new($"INSERT INTO sqlite_sequence (name, seq) SELECT {FormatLiteral(temporary)}, seq FROM sqlite_sequence " +
                $"WHERE name = {FormatLiteral(table)}"));
        }
        statements.Add(new($"DROP TABLE {QuoteIdentifier(table)}"));
        // The modern RENAME re-checks every view and trigger, and would fail on those reading the table
        // that is gone for a moment; nothing refers to the temporary name, so the legacy rename is exact.
        statements.Add(new("PRAGMA legacy_alter_table = ON"));
        statements.Add(new($"ALTER TABLE {QuoteIdentifier(temporary)} RENAME TO {QuoteIdentifier(rebuild.To.Name)}"));
        statements.Add(new("PRAGMA legacy_alter_table = OFF"));
        statements.AddRange(
            rebuild.To.Indexes.Select(i => CreateIndexStatement(i, rebuild.To.Name) with { CarriedOver = rebuild.From.Indexes.Contains(i) }));
        statements.AddRange(rebuild.To.NativeObjects.Select(n => new SqlStatement(n.Sql) { CarriedOver = rebuild.From.NativeObjects.Contains(n) }));
        return statements;
    }

    /// <inheritdoc />
    /// <remarks>
    /// SQLite keeps whatever type name a column was declared with; families follow its affinity rules,
    /// except that booleans (stored as 0/1) count as integers and dates, times and JSON (stored as text) as text.
    /// </remarks>
    public string TypeFamily(ColumnType type)
    {
        var declared = (type?.Kind == ColumnTypeKind.Native ? type.NativeSql! : TypeSql(type!)).ToUpperInvariant();
        if (declared.Contains("INT", StringComparison.Ordinal) || declared.Contains("BOOL", StringComparison.Ordinal))
            return "integer";
        if (declared.Contains("CHAR", StringComparison.Ordinal) || declared.Contains("CLOB", StringComparison.Ordinal)
            || declared.Contains("TEXT", StringComparison.Ordinal)
            || declared.Contains("DATE", StringComparison.Ordinal) || declared.Contains("TIME", StringComparison.Ordinal)
                || declared.Contains("JSON", StringComparison.Ordinal))
            return "text";
        if (declared.Contains("REAL", StringComparison.Ordinal) || declared.Contains("FLOA", StringComparison.Ordinal)
            || declared.Contains("DOUB", StringComparison.Ordinal))
            return "float";
        if (declared.Length == 0 || declared.Contains("BLOB", StringComparison.Ordinal))
            return "blob";
        return "numeric";
    }

    /// <summary>The SQLite column type for a logical type.</summary>
    public static string TypeSql(ColumnType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            ColumnTypeKind.Int or ColumnTypeKind.BigInt or ColumnTypeKind.Bool => "INTEGER",
            ColumnTypeKind.Money => "NUMERIC",
            ColumnTypeKind.Native => type.NativeSql!,
            _ => "TEXT",
        };
    }

    private List<SqlStatement> CreateTableStatements(TableDefinition table, string name)
    {
        var parts = new List<string>();
        // AUTOINCREMENT is only allowed on a column-level INTEGER PRIMARY KEY.
        var inlineKey = table.PrimaryKey is { Columns.Count: 1 } pk && table.FindColumn(pk.Columns[0]) is { Identity: true }
            ? table.PrimaryKey : null;
        parts.AddRange(table.Columns.Select(c => ColumnSql(
            c, inlineKey is not null && string.Equals(c.Name, inlineKey.Columns[0], StringComparison.OrdinalIgnoreCase) ? inlineKey : null)));
        if (table.PrimaryKey is { } key && inlineKey is null)
            parts.Add($"{ConstraintName(key.Name)}PRIMARY KEY ({Columns(key.Columns)})");
        parts.AddRange(table.UniqueConstraints.Select(u => $"{ConstraintName(u.Name)}UNIQUE ({Columns(u.Columns)})"));
        parts.AddRange(table.ForeignKeys.Select(f =>
            $"{ConstraintName(f.Name)}FOREIGN KEY ({Columns(f.Columns)}) " +
            $"REFERENCES {QuoteIdentifier(f.ReferencedTable)} ({Columns(f.ReferencedColumns)}){OnDelete(f.OnDelete)}"));
        parts.AddRange(table.CheckConstraints.Select(c => $"{ConstraintName(c.Name)}CHECK ({c.Expression})"));
        var sql = new StringBuilder().Append("CREATE TABLE ").Append(QuoteIdentifier(name)).Append(" (\n    ")
            .AppendJoin(",\n    ", parts).Append("\n)").ToString();
        return [new SqlStatement(sql), .. table.Indexes.Select(i => CreateIndexStatement(i, name))];
    }

    private string ColumnSql(ColumnDefinition column, PrimaryKeyDefinition? primaryKey)
    {
        var sql = new StringBuilder().Append(QuoteIdentifier(column.Name)).Append(' ').Append(TypeSql(column.Type));
        if (!column.Nullable)
            sql.Append(" NOT NULL");
        if (primaryKey is not null)
            sql.Append(' ').Append(ConstraintName(primaryKey.Name)).Append("PRIMARY KEY AUTOINCREMENT");
        if (column.Default is { } value)
            sql.Append(" DEFAULT ").Append(DefaultSql(value));
        return sql.ToString();
    }

    private string DefaultSql(DefaultValue value)
    {
        if (value.IsCurrentTimestamp)
            return "CURRENT_TIMESTAMP";
        if (value.Sql is not null)
            return value.Sql;
        var literal = FormatLiteral(value.Constant);
        // A negative number is an expression to SQLite's DEFAULT clause, which wants it in parentheses.
        return literal.StartsWith('-') ? $"({literal})" : literal;
    }

    private SqlStatement CreateIndexStatement(IndexDefinition index, string table)
    {
        var where = index.Filter is null ? "" : $" WHERE {index.Filter}";
        return new($"CREATE {(index.Unique ? "UNIQUE " : "")}INDEX {QuoteIdentifier(index.Name)} " +
            $"ON {QuoteIdentifier(table)} ({Columns(index.Columns)}){where}");
    }

    private string ConstraintName(string? name) => name is null ? "" : $"CONSTRAINT {QuoteIdentifier(name)} ";

    private string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(QuoteIdentifier));

    private static string OnDelete(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => " ON DELETE CASCADE",
        ReferentialAction.SetNull => " ON DELETE SET NULL",
        ReferentialAction.Restrict => " ON DELETE RESTRICT",
        ReferentialAction.SetDefault => " ON DELETE SET DEFAULT",
        _ => "",
    };
}
