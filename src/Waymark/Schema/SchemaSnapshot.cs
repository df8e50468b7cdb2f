using Waymark.Operations;

namespace Waymark.Schema;

/// <summary>
/// A database schema at one moment: its tables with their columns, keys, constraints and indexes,
/// ordered by table name. Built by replaying operations or by reading a live database.
/// </summary>
public sealed record SchemaSnapshot(IReadOnlyList<TableDefinition> Tables)
{
    /// <summary>A schema with no tables.</summary>
    public static SchemaSnapshot Empty { get; } = new([]);

    /// <summary>The table named <paramref name="name"/>, or null.</summary>
    public TableDefinition? FindTable(string name) =>
        Tables.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The table named <paramref name="name"/>; a <see cref="SchemaObjectNotFoundException"/> when there is none.</summary>
    public TableDefinition GetTable(string name) =>
        FindTable(name) ?? throw new SchemaObjectNotFoundException("table", name);

    /// <summary>
    /// The schema after <paramref name="operation"/>. Raw SQL and data statements leave it as it is:
    /// the engine cannot see what they change.
    /// </summary>
    public SchemaSnapshot Apply(MigrationOperation operation) => operation switch
    {
        CreateTable create => FindTable(create.Definition.Name) is null
            ? With([.. Tables, create.Definition])
            : throw new SchemaObjectExistsException("table", create.Definition.Name),
        DropTable drop => Dropped(GetTable(drop.Table)),
        RenameTable rename => Renamed(rename),
        RenameColumn rename => WithReferencesRenamed(Replace(GetTable(rename.Table), GetTable(rename.Table).Apply(rename)), rename),
        TableOperation change => Replace(GetTable(change.Table), GetTable(change.Table).Apply(change)),
        _ => this,
    };

    /// <summary>A snapshot without the named tables (the version and history tables, say).</summary>
    public SchemaSnapshot Without(IEnumerable<string> tableNames)
    {
        var excluded = new HashSet<string>(tableNames, StringComparer.OrdinalIgnoreCase);
        return new([.. Tables.Where(t => !excluded.Contains(t.Name))]);
    }

    /// <inheritdoc />
    public bool Equals(SchemaSnapshot? other) => other is not null && Tables.SequenceEqual(other.Tables);

    /// <inheritdoc />
    public override int GetHashCode() => Tables.Count;

    /// <summary>A stable multi-line text of the schema, for diffs in test failures and reports.</summary>
    public override string ToString() => SchemaText.Describe(this);

    private SchemaSnapshot Dropped(TableDefinition table) => With(Tables.Where(t => !ReferenceEquals(t, table)));

    /// <summary>Foreign keys of other tables follow a renamed column, as both databases do.</summary>
    private static SchemaSnapshot WithReferencesRenamed(SchemaSnapshot schema, RenameColumn rename) =>
        With(schema.Tables.Select(t => t with
        {
            ForeignKeys = [.. t.ForeignKeys.Select(f => string.Equals(f.ReferencedTable, rename.Table, StringComparison.OrdinalIgnoreCase)
                ? f with { ReferencedColumns = [
                    .. f.ReferencedColumns.Select(c => string.Equals(c, rename.Column, StringComparison.OrdinalIgnoreCase) ? rename.NewName : c)] }
                : f)],
        }));

    private SchemaSnapshot Renamed(RenameTable rename)
    {
        var table = GetTable(rename.Table);
        if (FindTable(rename.NewName) is { } taken && !ReferenceEquals(taken, table))
            throw new SchemaObjectExistsException("table", rename.NewName);
        var renamed = table with
        {
            Name = rename.NewName,
            Indexes = [.. table.Indexes.Select(i => i with { Table = rename.NewName })],
        };
        var tables = Tables.Select(t => t == table ? renamed : t)
            .Select(t => t with
            {
                ForeignKeys = [.. t.ForeignKeys.Select(f => string.Equals(f.ReferencedTable, rename.Table, StringComparison.OrdinalIgnoreCase)
                    ? f with { ReferencedTable = rename.NewName } : f)],
            });
        return With(tables);
    }

    private SchemaSnapshot Replace(TableDefinition old, TableDefinition updated) =>
        With(Tables.Select(t => ReferenceEquals(t, old) ? updated : t));

    private static SchemaSnapshot With(IEnumerable<TableDefinition> tables) =>
        new([.. tables.OrderBy(t => t.Name, StringComparer.Ordinal)]);
}
