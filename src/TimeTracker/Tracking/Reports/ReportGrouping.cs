namespace TimeTracker.Tracking.Reports;

/// <summary>
/// What a summary groups by, and how it reads in SQL. Entries are first summed per project, user, billability and
/// the grouping's own key (<see cref="EntryKeySql"/>: the tag, or the quarter hour of the start); only those sums,
/// far fewer than the entries, are then joined to projects, users and names.
/// </summary>
/// <param name="Name">The <c>groupBy</c> value.</param>
/// <param name="EntryKeySql">The key taken from each entry (over <c>time_entries e</c> and <see cref="EntryJoins"/>), or <c>NULL</c>.</param>
/// <param name="EntryJoins">Joins the entry key needs.</param>
/// <param name="KeySql">The group's key over the sums <c>s</c> (with <c>s.k</c> the entry key), projects <c>p</c>,
/// users <c>u</c> and <see cref="Joins"/>.</param>
/// <param name="NameSql">The group's name, likewise.</param>
/// <param name="Joins">Joins the key and name need.</param>
/// <param name="Unnamed">The name of the group of entries without a key.</param>
internal sealed record ReportGrouping(string Name, string EntryKeySql, string EntryJoins, string KeySql, string NameSql, string Joins, string Unnamed)
{
    /// <summary>The groupings, by their <c>groupBy</c> name.</summary>
    public static IReadOnlyList<ReportGrouping> All { get; } =
    [
        new("project", "NULL", "", "s.project_id", "p.name", "", "(no project)"),
        new("client", "NULL", "", "p.client_id", "c.name", " LEFT JOIN clients c ON c.id = p.client_id", "(no client)"),
        new("user", "NULL", "", "s.user_id", "u.name", "", "(unknown user)"),
        new("tag", "l.tag_id", " LEFT JOIN time_entry_tags l ON l.time_entry_id = e.id", "s.k", "t.name", " LEFT JOIN tags t ON t.id = s.k",
            "(no tag)"),
        // The quarter hour the entry started in (every time zone's offset is whole quarter hours), which the
        // report turns into the member's local date.
        new("day", "{quarterHour}", "", "s.k", "''", "", ""),
    ];

    /// <summary>The totals: every entry once, with no key.</summary>
    public static ReportGrouping Totals { get; } = new("total", "NULL", "", "0", "''", "", "");

    /// <summary>Whether an entry can be in more than one group (so totals are counted apart).</summary>
    public bool Overlaps => Name == "tag";

    /// <summary>Whether groups are local days.</summary>
    public bool ByDay => Name == "day";

    /// <summary>The grouping named <paramref name="name"/> (any case), or null.</summary>
    public static ReportGrouping? Find(string? name) => All.FirstOrDefault(
        g => string.Equals(g.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
