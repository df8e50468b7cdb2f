namespace TimeTracker.Tracking.Reports;

/// <summary>
/// What a summary groups by, and how it reads in SQL: from the entries (<c>time_entries e</c>) and from the daily
/// totals (<c>d</c>, a row of <see cref="Table"/>), each as the group's key, its name and the joins they need.
/// </summary>
/// <param name="Name">The <c>groupBy</c> value.</param>
/// <param name="FromEntries">The key and name over an entry <c>e</c>.</param>
/// <param name="FromTotals">The key and name over a row <c>d</c> of <see cref="Table"/>.</param>
/// <param name="Table">The daily totals table that answers this grouping (revision 031).</param>
/// <param name="Unnamed">The name of the group of entries without a key.</param>
internal sealed record ReportGrouping(string Name, ReportGroupSql FromEntries, ReportGroupSql FromTotals, string Table, string Unnamed)
{
    private const string Projects = "report_project_days";

    /// <summary>The groupings, by their <c>groupBy</c> name.</summary>
    public static IReadOnlyList<ReportGrouping> All { get; } =
    [
        new("project",
            new("e.project_id", "p.name", " LEFT JOIN projects p ON p.id = e.project_id"),
            new("NULLIF(d.project_id, 0)", "p.name", " LEFT JOIN projects p ON p.id = d.project_id"),
            Projects, "(no project)"),
        new("client",
            new("p.client_id", "c.name", " LEFT JOIN projects p ON p.id = e.project_id LEFT JOIN clients c ON c.id = p.client_id"),
            new("p.client_id", "c.name", " LEFT JOIN projects p ON p.id = d.project_id LEFT JOIN clients c ON c.id = p.client_id"),
            Projects, "(no client)"),
        new("user",
            new("e.user_id", "u.name", " LEFT JOIN users u ON u.id = e.user_id"),
            new("d.user_id", "u.name", " LEFT JOIN users u ON u.id = d.user_id"),
            "report_user_days", "(unknown user)"),
        new("tag",
            new("l.tag_id", "t.name", " LEFT JOIN time_entry_tags l ON l.time_entry_id = e.id LEFT JOIN tags t ON t.id = l.tag_id"),
            new("NULLIF(d.tag_id, 0)", "t.name", " LEFT JOIN tags t ON t.id = d.tag_id"),
            "report_tag_days", "(no tag)"),
        // The groups are the local days themselves: nothing to key by beside the day.
        new("day", ReportGroupSql.None, ReportGroupSql.None, Projects, ""),
    ];

    /// <summary>The totals: every entry once, with no key.</summary>
    public static ReportGrouping Totals { get; } = new("total", ReportGroupSql.None, ReportGroupSql.None, Projects, "");

    /// <summary>Whether an entry can be in more than one group (so totals are counted apart).</summary>
    public bool Overlaps => Name == "tag";

    /// <summary>Whether groups are local days.</summary>
    public bool ByDay => Name == "day";

    /// <summary>The grouping named <paramref name="name"/> (any case), or null.</summary>
    public static ReportGrouping? Find(string? name) => All.FirstOrDefault(
        g => string.Equals(g.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
