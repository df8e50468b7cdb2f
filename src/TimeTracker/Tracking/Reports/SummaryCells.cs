using TimeTracker.Database;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// A summary's sums by group, over the whole range or per local day, read in two parts (docs/reports-at-scale.md):
/// <list type="number">
/// <item>The sums over the <b>UTC</b> days of the range's dates: from the totals (revisions 031, 032) when the scope is
/// the whole organization, which reads a few thousand rows however many entries there are; otherwise from the entries the
/// scope lets through (a member's own, or a filtered few). The database sums them, so a month of a thousand members
/// comes back as a thousand groups, as a day's total per day, or as a few chosen groups per day (read through an index
/// that holds the group).</item>
/// <item>The entries whose local day is not their UTC day: those that start between a UTC midnight and the caller's
/// local midnight beside it. Each is taken away from its UTC day and added to its local day, where those are in the
/// range. The windows are computed here from the caller's zone, so days of 23 or 25 hours are right, and the SQL
/// needs no time-zone functions. A caller in UTC reads none; one far from the team reads the hours between. They are
/// read once, however many times the sums are.</item>
/// </list>
/// Both sources sum the same integer parts, so they give the same answer to the cent (a test holds them to it).
/// </summary>
/// <param name="session">The session to read with.</param>
/// <param name="scope">The entries counted.</param>
/// <param name="grouping">What the groups are.</param>
/// <param name="fromTotals">Whether to read the daily totals where the scope allows; false always sums the entries.</param>
internal sealed class SummaryCells(DbSession session, ReportScope scope, ReportGrouping grouping, bool fromTotals)
{
    private List<(DateTimeOffset StartedAt, long? Key, string? Name, ReportSums Sums)>? _moved;

    /// <summary>Whether the sums come from the daily totals (the whole organization), else from the entries.</summary>
    public bool ReadsTotals => fromTotals && scope.IsWholeOrganization;

    /// <summary>
    /// The non-empty cells: over the whole range, or with <paramref name="perDay"/> per local day; per group with
    /// <paramref name="byGroup"/>, else every group's time together (by tag, once per tag). With <paramref name="only"/>,
    /// only those groups' cells, without names (what a day's breakdown needs).
    /// </summary>
    public async Task<IReadOnlyList<ReportCell>> ReadAsync(bool perDay, bool byGroup, IReadOnlySet<long?>? only,
        CancellationToken cancellationToken)
    {
        var cells = new Dictionary<(DateOnly?, long?), ReportCell>();
        void Add(DateOnly? day, long? key, string? name, ReportSums sums)
        {
            cells[(day, key)] = cells.TryGetValue((day, key), out var cell)
                ? cell with { Name = cell.Name ?? name, Sums = cell.Sums + sums }
                : new(day, key, name, sums);
        }

        var parameters = new List<(string, object?)>(scope.Parameters)
        {
            ("firstDay", scope.First), ("lastDay", scope.Last), ("utcFrom", UtcMidnight(scope.First)), ("utcTo", UtcMidnight(scope.Last.AddDays(1))),
        };
        var totals = ReadsTotals;
        var by = totals ? grouping.FromTotals : grouping.FromEntries;
        // Every group together: an entry counts once, so any totals table will do, and the project one is the smallest.
        // By tag an entry counts once per tag, so it stays with the tags.
        var (table, joins) = byGroup || grouping.Overlaps ? (grouping.Table, by.Joins) : (ReportGrouping.Totals.Table, "");
        var columns = new List<string>();
        if (perDay)
            columns.Add($"{(totals ? "d.day" : session.Dialect.UtcDate("e.started_at"))} AS day");
        if (byGroup)
            columns.Add($"{by.Key} AS group_key");
        var groupBy = columns.Count == 0 ? "" : " GROUP BY " + string.Join(", ", columns.Select((_, i) => i + 1));
        var condition = only is null ? "" : $" AND {IsOneOf(by.Key, only, parameters)}";
        var select = string.Join(", ", [.. columns, totals ? ReportSums.OfTotals : ReportSums.OfEntries]);
        var (rows, range) = totals ? TotalsRows(table, perDay, parameters) : ("", "");
        var sql = totals
            ? $"SELECT {select} FROM {rows}{joins} WHERE {range}d.entries <> 0{condition}{groupBy}"
            : $"SELECT {select} FROM time_entries e{joins} " +
              $"WHERE e.started_at >= @utcFrom AND e.started_at < @utcTo AND {scope.Condition}{condition}{groupBy}";
        // The names are joined once per group, after the sums: grouped by key and name together, the planner would
        // expect a group per row, and sort them.
        var named = byGroup && only is null;
        sql = named ? $"SELECT g.*, {grouping.NameColumn} AS group_name FROM ({sql}) g{grouping.NameJoin("g.group_key")}"
            : $"SELECT g.*, NULL AS group_name FROM ({sql}) g";
        // The totals hold every entry: the filter's billability is applied to their columns.
        var billable = totals ? scope.Filter.Billable : null;
        // Summed over no rows without a GROUP BY, the sums are one row of nulls: nothing.
        foreach (var (day, key, name, sums) in await session.QueryAsync(sql,
            r => r.IsNull("entries") ? default : (perDay ? r.Date("day") : (DateOnly?)null, byGroup ? r.Int64OrNull("group_key") : null,
                r.StringOrNull("group_name"), ReportSums.Read(r).Only(billable)),
            cancellationToken, [.. parameters]))
            Add(day, key, name, sums);

        foreach (var (startedAt, key, name, sums) in await MovedAsync(cancellationToken))
        {
            var utcDay = DateOnly.FromDateTime(startedAt.UtcDateTime);
            var localDay = scope.Calendar.DayOf(startedAt);
            if (utcDay == localDay || (only is not null && !only.Contains(key)))
                continue;
            var (group, groupName) = byGroup ? (key, named ? name : null) : (null, null);
            if (InRange(utcDay))
                Add(perDay ? utcDay : null, group, groupName, -sums);
            if (InRange(localDay))
                Add(perDay ? localDay : null, group, groupName, sums);
        }
        return [.. cells.Values.Where(c => c.Sums.Entries != 0)];
    }

    /// <summary>
    /// The totals' rows over the range's UTC days, as <c>d</c>, and the condition that keeps the range (ending in
    /// <c>AND</c>; none when the rows keep it already). Summed over the range (not per day), a grouping with monthly
    /// totals reads its whole UTC months from them and only the days around them from the daily rows: a month by member
    /// is then a row per member, not one per member and day. Both tables have the same columns in the same order.
    /// </summary>
    private (string Rows, string Range) TotalsRows(string table, bool perDay, List<(string, object?)> parameters)
    {
        if (WholeMonths(table, perDay) is not var (from, to))
            return ($"{table} d", "d.organization_id = @org AND d.day >= @firstDay AND d.day <= @lastDay AND ");
        parameters.AddRange([("monthsFrom", from), ("monthsTo", to)]);
        return ($"(SELECT * FROM {grouping.Months} WHERE organization_id = @org AND month >= @monthsFrom AND month < @monthsTo " +
                $"UNION ALL SELECT * FROM {table} WHERE organization_id = @org " +
                "AND (day >= @firstDay AND day < @monthsFrom OR day >= @monthsTo AND day <= @lastDay)) d", "");
    }

    /// <summary>The whole UTC months within the range's days (from the first's first day, to the day after the last),
    /// when monthly totals can answer for them; else null.</summary>
    private (DateOnly From, DateOnly To)? WholeMonths(string table, bool perDay)
    {
        if (perDay || grouping.Months is null || table != grouping.Table)
            return null;
        var from = scope.First.Day == 1 ? scope.First : new DateOnly(scope.First.Year, scope.First.Month, 1).AddMonths(1);
        var afterLast = scope.Last.AddDays(1);
        var to = afterLast.Day == 1 ? afterLast : new DateOnly(afterLast.Year, afterLast.Month, 1);
        return from < to ? (from, to) : null;
    }

    /// <summary>The entries in the midnight windows, each with its group.</summary>
    private async Task<List<(DateTimeOffset StartedAt, long? Key, string? Name, ReportSums Sums)>> MovedAsync(CancellationToken cancellationToken)
    {
        if (_moved is not null)
            return _moved;
        var windows = MidnightWindows();
        if (windows.Count == 0)
            return _moved = [];
        var parameters = new List<(string, object?)>(scope.Parameters);
        var values = string.Join(", ", windows.Select((_, i) => $"(@w{i}f, @w{i}t)"));
        parameters.AddRange(windows.SelectMany((w, i) => new (string, object?)[] { ($"w{i}f", w.From), ($"w{i}t", w.To) }));
        // Read from the entries, the scope is a member's own or a filtered few: bounded by the windows' span, their
        // index reads days, not the member's whole history (PostgreSQL does not bound it from the joined windows).
        var span = "";
        if (!ReadsTotals)
        {
            span = " AND e.started_at >= @windowsFrom AND e.started_at < @windowsTo";
            parameters.AddRange([("windowsFrom", windows.Min(w => w.From)), ("windowsTo", windows.Max(w => w.To))]);
        }
        return _moved = await session.QueryAsync(
            $"SELECT e.started_at AS started_at, {grouping.FromEntries.Key} AS group_key, " +
            $"{grouping.NameColumn} AS group_name, {ReportSums.OfOneEntry} FROM time_entries e " +
            $"JOIN (VALUES {values}) w ON e.started_at >= w.column1 AND e.started_at < w.column2{grouping.FromEntries.Joins}" +
            $"{grouping.NameJoin(grouping.FromEntries.Key)} " +
            $"WHERE {scope.Condition}{span}",
            r => (r.Instant("started_at"), r.Int64OrNull("group_key"), r.StringOrNull("group_name"), ReportSums.Read(r)),
            cancellationToken, [.. parameters]);
    }

    // Whether the group key is one of those given, as SQL, with the keys as parameters.
    private static string IsOneOf(string key, IReadOnlySet<long?> keys, List<(string, object?)> parameters)
    {
        var ids = keys.OfType<long>().ToList();
        parameters.AddRange(ids.Select((id, i) => ($"only{i}", (object?)id)));
        var tests = new List<string>();
        if (ids.Count > 0)
            tests.Add($"{key} IN ({string.Join(", ", ids.Select((_, i) => $"@only{i}"))})");
        if (keys.Contains(null))
            tests.Add($"{key} IS NULL");
        return tests.Count == 0 ? "1 = 0" : $"({string.Join(" OR ", tests)})";
    }

    /// <summary>
    /// For each UTC day that can hold entries of the range's local days, or hold entries counted on them by UTC day,
    /// the hours it shares with the local day before or after it: between its UTC midnight and the local midnight
    /// beside it (a local offset is less than a day, so only the neighbouring days can be involved).
    /// </summary>
    private List<(DateTimeOffset From, DateTimeOffset To)> MidnightWindows()
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

    private bool InRange(DateOnly day) => day >= scope.First && day <= scope.Last;
}
