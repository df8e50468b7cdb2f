namespace TimeTracker.Tracking.Reports;

/// <summary>
/// What a summary groups by, and how it reads in SQL: the group's key over the entries (<c>time_entries e</c>) and over
/// the daily totals (<c>d</c>, a row of <see cref="Table"/>), and where the groups' names are.
/// </summary>
/// <param name="Name">The <c>groupBy</c> value.</param>
/// <param name="FromEntries">The key over an entry <c>e</c>.</param>
/// <param name="FromTotals">The key over a row <c>d</c> of <see cref="Table"/>.</param>
/// <param name="Table">The daily totals table that answers this grouping (revision 031).</param>
/// <param name="Unnamed">The name of the group of entries without a key.</param>
/// <param name="Names">The table whose <c>id</c> the key is, with the groups' <c>name</c>; null when groups have none.</param>
/// <param name="Months">The monthly totals table (revision 032) that holds <see cref="Table"/>'s rows summed over each
/// UTC month, in the same columns (<c>month</c> for <c>day</c>); null when there is none.</param>
internal sealed record ReportGrouping(
    string Name, ReportGroupSql FromEntries, ReportGroupSql FromTotals, string Table, string Unnamed, string? Names, string? Months = null)
{
    private const string Projects = "report_project_days";

    /// <summary>The groupings, by their <c>groupBy</c> name.</summary>
    public static IReadOnlyList<ReportGrouping> All { get; } =
    [
        new("project", new("e.project_id", ""), new("NULLIF(d.project_id, 0)", ""), Projects, "(no project)", "projects"),
        new("client",
            new("p.client_id", " LEFT JOIN projects p ON p.id = e.project_id"), new("p.client_id", " LEFT JOIN projects p ON p.id = d.project_id"),
            Projects, "(no client)", "clients"),
        new("user", new("e.user_id", ""), new("d.user_id", ""), "report_user_days", "(unknown user)", "users", "report_user_months"),
        new("tag",
            new("l.tag_id", " LEFT JOIN time_entry_tags l ON l.time_entry_id = e.id"), new("NULLIF(d.tag_id, 0)", ""),
            "report_tag_days", "(no tag)", "tags"),
        // The groups are the local days themselves: nothing to key by beside the day.
        new("day", ReportGroupSql.None, ReportGroupSql.None, Projects, "", null),
    ];

    /// <summary>The totals: every entry once, with no key.</summary>
    public static ReportGrouping Totals { get; } = new("total", ReportGroupSql.None, ReportGroupSql.None, Projects, "", null);

    /// <summary>Whether an entry can be in more than one group (so totals are counted apart).</summary>
    public bool Overlaps => Name == "tag";

    /// <summary>Whether groups are local days.</summary>
    public bool ByDay => Name == "day";

    /// <summary>The join that finds the name (<see cref="Name"/>) of the group whose key is <paramref name="key"/>, as
    /// <c>n</c>; none when groups have no name.</summary>
    public string NameJoin(string key) => Names is null ? "" : $" LEFT JOIN {Names} n ON n.id = {key}";

    /// <summary>The group's name, as SQL over <see cref="NameJoin"/>.</summary>
    public string NameColumn => Names is null ? "NULL" : "n.name";

    /// <summary>The grouping named <paramref name="name"/> (any case), or null.</summary>
    public static ReportGrouping? Find(string? name) => All.FirstOrDefault(
        g => string.Equals(g.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
}
