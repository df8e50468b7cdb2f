namespace Waymark.Revisions;

/// <summary>
/// The naming conventions for constraints and indexes. A schema-qualified table (<c>billing.invoices</c>)
/// names its objects by the table alone: they live in its schema and their names are never qualified.
/// </summary>
public static class Names
{
    /// <summary><c>pk_&lt;table&gt;</c>.</summary>
    public static string PrimaryKey(string table) => $"pk_{Bare(table)}";

    /// <summary><c>fk_&lt;table&gt;_&lt;column&gt;</c>.</summary>
    public static string ForeignKey(string table, string column) => $"fk_{Bare(table)}_{column}";

    /// <summary><c>ix_&lt;table&gt;_&lt;columns&gt;</c>.</summary>
    public static string Index(string table, IEnumerable<string> columns) => $"ix_{Bare(table)}_{string.Join('_', columns)}";

    /// <summary><c>uq_&lt;table&gt;_&lt;columns&gt;</c>.</summary>
    public static string Unique(string table, IEnumerable<string> columns) => $"uq_{Bare(table)}_{string.Join('_', columns)}";

    /// <summary>The table's name without its schema.</summary>
    public static string Bare(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table[(table.LastIndexOf('.') + 1)..];
    }
}
