namespace TimeTracker.Tracking.Reports;

/// <summary>What a summary groups by, and how each grouping reads its key and name in SQL.</summary>
internal sealed record ReportGrouping(string Name, string KeySql, string NameSql, string Joins, string Unnamed)
{
    /// <summary>The groupings, by their <c>groupBy</c> name.</summary>
    public static IReadOnlyList<ReportGrouping> All { get; } =
    [
        new("project", "e.project_id", "p.name", "", "(no project)"),
        new("client", "p.client_id", "c.name", " LEFT JOIN clients c ON c.id = p.client_id", "(no client)"),
        new("user", "e.user_id", "u.name", "", "(unknown user)"),
        new("tag", "t.id", "t.name", " LEFT JOIN time_entry_tags l ON l.time_entry_id = e.id LEFT JOIN tags t ON t.id = l.tag_id", "(no tag)"),
        // The key is the quarter hour the entry started in (every time zone's offset is whole quarter hours),
        // which the report turns into the member's local date.
        new("day", "{quarterHour}", "NULL", "", ""),
    ];

    /// <summary>Whether an entry can be in more than one group (so totals are counted apart).</summary>
    public bool Overlaps => Name == "tag";

    /// <summary>Whether groups are local days.</summary>
    public bool ByDay => Name == "day";

    /// <summary>The grouping named <paramref name="name"/> (any case), or null.</summary>
    public static ReportGrouping? Find(string? name) => All.FirstOrDefault(g => string.Equals(g.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
