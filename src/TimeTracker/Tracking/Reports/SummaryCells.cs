using TimeTracker.Database;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// A summary's sums per local day and group, read in two parts (docs/reports-at-scale.md):
/// <list type="number">
/// <item>The sums per <b>UTC</b> day of the range's dates: from the daily totals (revision 031) when the scope is the
/// whole organization, which reads a few thousand rows however many entries there are; otherwise from the entries the
/// scope lets through (a member's own, or a filtered few), summed per UTC day and group by the database.</item>
/// <item>The entries whose local day is not their UTC day: those that start between a UTC midnight and the caller's
/// local midnight beside it. Each is taken away from its UTC day and added to its local day, where those are in the
/// range. The windows are computed here from the caller's zone, so days of 23 or 25 hours are right, and the SQL
/// needs no time-zone functions. A caller in UTC reads none; one far from the team reads the hours between.</item>
/// </list>
/// Both sources sum the same integer parts, so they give the same answer to the cent (a test holds them to it).
/// </summary>
internal static class SummaryCells
{
    /// <summary>The non-empty cells of <paramref name="scope"/> grouped by <paramref name="grouping"/>, read from
    /// the daily totals where <paramref name="fromTotals"/> and the scope allow, else from the entries.</summary>
    public static async Task<IReadOnlyList<ReportCell>> ReadAsync(DbSession session, ReportScope scope, ReportGrouping grouping, bool fromTotals,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(grouping);
        var cells = new Dictionary<(DateOnly Day, long? Key), ReportCell>();
        void Add(DateOnly day, long? key, string? name, ReportSums sums)
        {
            cells[(day, key)] = cells.TryGetValue((day, key), out var cell)
                ? cell with { Name = cell.Name ?? name, Sums = cell.Sums + sums }
                : new(day, key, name, sums);
        }

        var parameters = new List<(string, object?)>(scope.Parameters)
        {
            ("firstDay", scope.First), ("lastDay", scope.Last), ("utcFrom", UtcMidnight(scope.First)), ("utcTo", UtcMidnight(scope.Last.AddDays(1))),
        };
        var totals = fromTotals && scope.IsWholeOrganization;
        var by = totals ? grouping.FromTotals : grouping.FromEntries;
        // A row of the member, project or tag totals is one group's day already: summed only for clients and days.
        var sql = totals
            ? $"SELECT d.day AS day, {by.Key} AS group_key, {by.Name} AS group_name, " +
              $"{(grouping.SumsTotals ? ReportSums.OfTotals : ReportSums.OfTotalsRow)} FROM {grouping.Table} d{by.Joins} " +
              "WHERE d.organization_id = @org AND d.day >= @firstDay AND d.day <= @lastDay AND d.entries <> 0" +
              (grouping.SumsTotals ? " GROUP BY 1, 2, 3" : "")
            : $"SELECT {session.Dialect.UtcDate("e.started_at")} AS day, {by.Key} AS group_key, {by.Name} AS group_name, {ReportSums.OfEntries} " +
              $"FROM time_entries e{by.Joins} WHERE e.started_at >= @utcFrom AND e.started_at < @utcTo AND {scope.Condition} GROUP BY 1, 2, 3";
        // The totals hold every entry: the filter's billability is applied to their columns.
        var billable = totals ? scope.Filter.Billable : null;
        foreach (var (day, key, name, sums) in await session.QueryAsync(sql,
            r => (r.Date("day"), r.Int64OrNull("group_key"), r.StringOrNull("group_name"), ReportSums.Read(r).Only(billable)),
            cancellationToken, [.. parameters]))
            Add(day, key, name, sums);

        var windows = MidnightWindows(scope);
        if (windows.Count > 0)
        {
            var values = string.Join(", ", windows.Select((_, i) => $"(@w{i}f, @w{i}t)"));
            parameters.AddRange(windows.SelectMany((w, i) => new (string, object?)[] { ($"w{i}f", w.From), ($"w{i}t", w.To) }));
            // Read from the entries, the scope is a member's own or a filtered few: bounded by the windows' span, their
            // index reads days, not the member's whole history (PostgreSQL does not bound it from the joined windows).
            var span = "";
            if (!totals)
            {
                span = " AND e.started_at >= @windowsFrom AND e.started_at < @windowsTo";
                parameters.AddRange([("windowsFrom", windows.Min(w => w.From)), ("windowsTo", windows.Max(w => w.To))]);
            }
            var moved = await session.QueryAsync(
                $"SELECT e.started_at AS started_at, {grouping.FromEntries.Key} AS group_key, {grouping.FromEntries.Name} AS group_name, " +
                $"{ReportSums.OfOneEntry} FROM time_entries e " +
                $"JOIN (VALUES {values}) w ON e.started_at >= w.column1 AND e.started_at < w.column2{grouping.FromEntries.Joins} " +
                $"WHERE {scope.Condition}{span}",
                r => (r.Instant("started_at"), r.Int64OrNull("group_key"), r.StringOrNull("group_name"), ReportSums.Read(r)),
                cancellationToken, [.. parameters]);
            foreach (var (startedAt, key, name, sums) in moved)
            {
                var utcDay = DateOnly.FromDateTime(startedAt.UtcDateTime);
                var localDay = scope.Calendar.DayOf(startedAt);
                if (utcDay == localDay)
                    continue;
                if (InRange(scope, utcDay))
                    Add(utcDay, key, name, -sums);
                if (InRange(scope, localDay))
                    Add(localDay, key, name, sums);
            }
        }
        return [.. cells.Values.Where(c => c.Sums.Entries != 0)];
    }

    /// <summary>
    /// For each UTC day that can hold entries of the range's local days, or hold entries counted on them by UTC day,
    /// the hours it shares with the local day before or after it: between its UTC midnight and the local midnight
    /// beside it (a local offset is less than a day, so only the neighbouring days can be involved).
    /// </summary>
    private static List<(DateTimeOffset From, DateTimeOffset To)> MidnightWindows(ReportScope scope)
    {
        var windows = new List<(DateTimeOffset, DateTimeOffset)>();
        for (var day = scope.First.AddDays(-1); day <= scope.Last.AddDays(1); day = day.AddDays(1))
        {
            DateTimeOffset utcStart = UtcMidnight(day), utcEnd = UtcMidnight(day.AddDays(1));
            DateTimeOffset localStart = scope.Calendar.StartOf(day), localEnd = scope.Calendar.StartOf(day.AddDays(1));
            if (localStart > utcStart)
                windows.Add((utcStart, localStart < utcEnd ? localStart : utcEnd));
            if (localEnd < utcEnd)
                windows.Add((localEnd > utcStart ? localEnd : utcStart, utcEnd));
        }
        return windows;
    }

    private static DateTimeOffset UtcMidnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static bool InRange(ReportScope scope, DateOnly day) => day >= scope.First && day <= scope.Last;
}
