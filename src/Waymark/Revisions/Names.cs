namespace Waymark.Revisions;

/// <summary>The naming conventions for constraints and indexes.</summary>
public static class Names
{
    /// <summary><c>pk_&lt;table&gt;</c>.</summary>
    public static string PrimaryKey(string table) => $"pk_{table}";

    /// <summary><c>fk_&lt;table&gt;_&lt;column&gt;</c>.</summary>
    public static string ForeignKey(string table, string column) => $"fk_{table}_{column}";

    /// <summary><c>ix_&lt;table&gt;_&lt;columns&gt;</c>.</summary>
    public static string Index(string table, IEnumerable<string> columns) => $"ix_{table}_{string.Join('_', columns)}";

    /// <summary><c>uq_&lt;table&gt;_&lt;columns&gt;</c>.</summary>
    public static string Unique(string table, IEnumerable<string> columns) => $"uq_{table}_{string.Join('_', columns)}";
}
