namespace TimeTracker.Tracking.Reports;

/// <summary>A summary group's key and name as SQL expressions, with the joins they need.</summary>
/// <param name="Key">The group's id, or <c>NULL</c> for entries without one.</param>
/// <param name="Name">The group's name.</param>
/// <param name="Joins">The joins the key and name read from.</param>
internal sealed record ReportGroupSql(string Key, string Name, string Joins)
{
    /// <summary>No key and no name: one group per day.</summary>
    public static ReportGroupSql None { get; } = new("NULL", "NULL", "");
}
