using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>
/// The SQL of the version and history tables. The engine, not the dialect, owns these tables; the dialect
/// only quotes and types. Used by online runs and offline scripts alike.
/// </summary>
internal sealed class Bookkeeping(ISqlDialect dialect, MigratorOptions options)
{
    private string Version => dialect.QuoteIdentifier(options.VersionTable);
    private string History => dialect.QuoteIdentifier(options.HistoryTable);

    public TableDefinition VersionTableDefinition => new(
        options.VersionTable,
        [new ColumnDefinition("version_num", ColumnType.String(32), Nullable: false)],
        new PrimaryKeyDefinition($"{Names.Bare(options.VersionTable)}_pkc", ["version_num"]));

    public TableDefinition HistoryTableDefinition => new(
        options.HistoryTable,
        [
            new ColumnDefinition("id", ColumnType.BigInt, Nullable: false, Identity: true),
            new ColumnDefinition("revision", ColumnType.String(32)),
            new ColumnDefinition("direction", ColumnType.String(10), Nullable: false),
            new ColumnDefinition("from_versions", ColumnType.String(255), Nullable: false),
            new ColumnDefinition("checksum", ColumnType.String(64)),
            new ColumnDefinition("started_at", ColumnType.Timestamp, Nullable: false),
            new ColumnDefinition("duration_ms", ColumnType.BigInt, Nullable: false),
            new ColumnDefinition("applied_by", ColumnType.String(255), Nullable: false),
            new ColumnDefinition("tool_version", ColumnType.String(50), Nullable: false),
            .. AddedHistoryColumns,
        ],
        new PrimaryKeyDefinition(Names.PrimaryKey(options.HistoryTable), ["id"]));

    /// <summary>
    /// The history columns added after the table's first release (nullable: older rows have no value). A run adds them
    /// where they are missing before it writes; readers take a missing column as nulls.
    /// </summary>
    public static IReadOnlyList<ColumnDefinition> AddedHistoryColumns { get; } =
    [
        new ColumnDefinition("operations_checksum", ColumnType.String(64)),
        new ColumnDefinition("waymark_version", ColumnType.String(100)),
    ];

    /// <summary>The statements that add to <paramref name="history"/> (as read) the columns it lacks; empty when it has them all.</summary>
    public IReadOnlyList<SqlStatement> AddMissingHistoryColumns(TableDefinition history) =>
    [
        .. AddedHistoryColumns.Where(c => history.FindColumn(c.Name) is null)
            .SelectMany(c => dialect.Generate(new AddColumn(options.HistoryTable, c))),
    ];

    /// <summary>
    /// For offline scripts, which cannot look: the statements that give the history table the added columns if it lacks
    /// them (a table written by an older Waymark), and change nothing if it has them.
    /// </summary>
    public IReadOnlyList<SqlStatement> AddHistoryColumnsIfMissing() =>
        dialect.GenerateAddColumnsIfMissing(HistoryTableDefinition, [.. AddedHistoryColumns.Select(c => c.Name)]);

    public IReadOnlyList<SqlStatement> CreateVersionTable() => dialect.Generate(new CreateTable(VersionTableDefinition));

    public IReadOnlyList<SqlStatement> CreateHistoryTable() => dialect.Generate(new CreateTable(HistoryTableDefinition));

    /// <summary>
    /// The history table, created only where it is missing: a script that starts from a revision may run on a
    /// database another tool (Alembic, Flask-Migrate) migrated until now, which has a version table but no history.
    /// Both dialects know <c>CREATE TABLE IF NOT EXISTS</c>.
    /// </summary>
    public IReadOnlyList<SqlStatement> CreateHistoryTableIfMissing() =>
    [
        .. CreateHistoryTable().Select(statement => statement.Sql.StartsWith(CreateTablePrefix, StringComparison.Ordinal)
            ? statement with { Sql = "CREATE TABLE IF NOT EXISTS " + statement.Sql[CreateTablePrefix.Length..] }
            : throw new InvalidOperationException(
                $"The {dialect.Name} dialect writes the history table as '{statement.Sql}', which cannot be made conditional.")),
    ];

    private const string CreateTablePrefix = "CREATE TABLE ";

    public SqlStatement SelectVersions() => new($"SELECT version_num FROM {Version}");

    /// <summary>
    /// The writes that turn <paramref name="before"/> into <paramref name="after"/>: an UPDATE where one row
    /// simply moves on (the common case, as Alembic does), else DELETEs and INSERTs. Each must touch one row.
    /// </summary>
    public IReadOnlyList<SqlStatement> WriteVersions(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var removed = before.Except(after, StringComparer.Ordinal).ToList();
        var added = after.Except(before, StringComparer.Ordinal).ToList();
        var statements = new List<SqlStatement>();
        while (removed.Count > 0 && added.Count > 0)
        {
            statements.Add(new SqlStatement($"UPDATE {Version} SET version_num = @new WHERE version_num = @old",
                new Dictionary<string, object?> { ["new"] = added[0], ["old"] = removed[0] }));
            removed.RemoveAt(0);
            added.RemoveAt(0);
        }
        statements.AddRange(removed.Select(r => new SqlStatement($"DELETE FROM {Version} WHERE version_num = @old",
            new Dictionary<string, object?> { ["old"] = r })));
        statements.AddRange(added.Select(a => new SqlStatement($"INSERT INTO {Version} (version_num) VALUES (@new)",
            new Dictionary<string, object?> { ["new"] = a })));
        return statements;
    }

    public SqlStatement InsertHistory(HistoryEntry entry) => new(
        $"INSERT INTO {History} (revision, direction, from_versions, checksum, started_at, duration_ms, applied_by, tool_version, " +
        "operations_checksum, waymark_version) VALUES (@revision, @direction, @from_versions, @checksum, @started_at, @duration_ms, " +
        "@applied_by, @tool_version, @operations_checksum, @waymark_version)",
        new Dictionary<string, object?>
        {
            ["revision"] = entry.Revision,
            ["direction"] = entry.Direction,
            ["from_versions"] = entry.FromVersions,
            ["checksum"] = entry.Checksum,
            ["started_at"] = entry.StartedAt.UtcDateTime,
            ["duration_ms"] = entry.DurationMs,
            ["applied_by"] = entry.AppliedBy,
            ["tool_version"] = entry.ToolVersion,
            ["operations_checksum"] = entry.OperationsChecksum,
            ["waymark_version"] = entry.WaymarkVersion,
        });
}
