using Waymark.Schema;
using System.Globalization;
using Waymark.Dialects;
using Waymark.Operations;

namespace Waymark.Tests;

/// <summary>
/// A dialect that renders each operation as one short, deterministic statement. Dropping a column is
/// made by a table rebuild, so scripts show which table definition the writer knew.
/// </summary>
public sealed class FakeDialect : ISqlDialect
{
    public string Name => "fake";

    public bool SupportsTransactionalDdl { get; init; } = true;

    public IReadOnlyList<SqlStatement> SessionSetup { get; } = [new SqlStatement("SET fake_session = on")];

    public IReadOnlyList<string> ScriptClientDirectives { get; } = [".stop-on-error"];

    public bool NeedsTableRebuild(MigrationOperation operation) => operation is DropColumn;

    public bool RunsOutsideTransaction(MigrationOperation operation) => operation is CreateIndex { Concurrently: true };

    public IReadOnlyList<SqlStatement> Timeouts(TimeSpan? lockTimeout, TimeSpan? statementTimeout, bool transactionScoped) => [];

    public string TypeFamily(ColumnType type) => type.Kind.ToString().ToLowerInvariant();

    public string QuoteIdentifier(string name) => $"\"{name}\"";

    public string FormatLiteral(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        DateTime d => "'" + d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public IReadOnlyList<SqlStatement> Generate(MigrationOperation operation) => operation switch
    {
        CreateTable create => [new($"CREATE TABLE {QuoteIdentifier(create.Definition.Name)} ({Columns(create.Definition.Columns.Select(c => c.Name))})")],
        DropTable drop => [new($"DROP TABLE {QuoteIdentifier(drop.Table)}")],
        ExecuteSql sql => sql.For(Name) is { } text ? [new(text)] : [],
        DataStatement data => [new(data.Sql, data.Parameters)],
        _ => [new($"OP {operation.Describe()}")],
    };

    public IReadOnlyList<SqlStatement> GenerateAddColumnsIfMissing(TableDefinition table, IReadOnlyList<string> columns) =>
        [.. columns.Select(c => new SqlStatement($"ADD COLUMN IF MISSING {QuoteIdentifier(table.Name)}.{QuoteIdentifier(c)}"))];

    public IReadOnlyList<SqlStatement> GenerateRebuild(TableRebuild rebuild)
    {
        ArgumentNullException.ThrowIfNull(rebuild);
        return [new($"REBUILD {QuoteIdentifier(rebuild.From.Name)} ({Columns(rebuild.From.Columns.Select(c => c.Name))}) -> ({Columns(rebuild.To.Columns.Select(c => c.Name))})")];
    }

    private string Columns(IEnumerable<string> names) => string.Join(", ", names.Select(QuoteIdentifier));
}

/// <summary>A clock that always reads the same instant.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
