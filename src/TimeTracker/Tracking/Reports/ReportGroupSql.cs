namespace TimeTracker.Tracking.Reports;

/// <summary>A summary group's key as an SQL expression, with the joins it needs.</summary>
/// <param name="Key">The group's id, or <c>NULL</c> for entries without one.</param>
/// <param name="Joins">The joins the key reads from.</param>
internal sealed record ReportGroupSql(string Key, string Joins)
{
    /// <summary>No key: one group per day.</summary>
    public static ReportGroupSql None { get; } = new("NULL", "");
}
