using System.Globalization;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// Totals of finished time entries over whole days in the caller's time zone, grouped by project, client, user,
/// tag or day, with billable amounts: billable seconds times the rate fixed on each entry when it was recorded
/// (<see cref="Rates.EntryRate"/>), and each day's time by its largest groups and the rest. Filters narrow the entries
/// (<see cref="ReportFilter"/>). Admins and owners see everyone's time; members their own.
/// </summary>
/// <remarks>
/// The sums come from <see cref="SummaryCells"/>, summed by the database: per group over the range, then per day for the
/// groups the days break down and the rest together. The days are limited because the groups are not: a month by a
/// thousand members is a thousand groups but 21,000 member-days. The sums are read from the daily totals for the whole
/// organization, from the entries otherwise. They are integers (seconds, and seconds times rates in cents), so the
/// amounts are exact and rounded to cents once per group and once for the total, never in floating point. An entry
/// counts on the day it started; running timers are left out.
/// </remarks>
internal sealed class SummaryReport(AppDatabase database)
{
    /// <summary>How many groups each day of <see cref="Summary.Days"/> breaks down when <c>dayGroups</c> is not given.</summary>
    public const int DefaultDayGroups = 10;

    /// <summary>The most groups each day can break down: a month by a thousand members would be 21,000 cells.</summary>
    public const int MaximumDayGroups = 100;

    /// <summary>The summary of <paramref name="from"/> to <paramref name="to"/> (dates, both included) grouped by
    /// <paramref name="groupBy"/> (project by default), of the entries <paramref name="filters"/> lets through, each day
    /// breaking down the <paramref name="dayGroups"/> groups with the most time.</summary>
    public Task<Summary> RunAsync(long userId, long organizationId, string? from, string? to, string? groupBy, ReportFilterText filters,
        string? dayGroups, CancellationToken cancellationToken) =>
        RunAsync(userId, organizationId, from, to, groupBy, filters, dayGroups, fromTotals: true, cancellationToken);

    /// <summary>
    /// The same summary; with <paramref name="fromTotals"/> false, always summed from the entries themselves (what the
    /// tests compare the daily totals with).
    /// </summary>
    internal async Task<Summary> RunAsync(long userId, long organizationId, string? from, string? to, string? groupBy, ReportFilterText filters,
        string? dayGroups, bool fromTotals, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var grouping = ReportGrouping.Find(groupBy ?? "project");
        if (grouping is null)
            validation.Add("groupBy", $"'groupBy' must be one of {string.Join(", ", ReportGrouping.All.Select(g => g.Name))}; '{groupBy}' is not.");
        var filter = ReportFilter.Parse(validation, filters);
        var breakdown = ParseDayGroups(validation, dayGroups);
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var scope = await ReportScope.OpenAsync(session, member, validation, from, to, filter, cancellationToken);
            var cells = new SummaryCells(session, scope, grouping!, fromTotals);
            if (grouping!.ByDay)
            {
                var days = await cells.ReadAsync(perDay: true, shown: null, cancellationToken);
                return Summarize(scope, grouping, [.. days.Select(d => d with { Key = null, Name = Text(d.Day!.Value) })], Sum(days), days);
            }
            var groups = await cells.ReadAsync(perDay: false, shown: null, cancellationToken);
            var totals = grouping.Overlaps
                ? Sum(await new SummaryCells(session, scope, ReportGrouping.Totals, fromTotals).ReadAsync(false, null, cancellationToken))
                : Sum(groups);
            // The days break down the groups with the most time, as a chart stacks them; the rest of each day is "other".
            var shown = groups.OrderByDescending(g => g.Sums.Seconds).ThenBy(g => g, GroupOrder).Take(breakdown).Select(g => g.Key).ToHashSet();
            var perDay = await cells.ReadAsync(perDay: true, shown.Count == groups.Count ? null : shown, cancellationToken);
            return Summarize(scope, grouping, groups, totals, perDay);
        }, cancellationToken);
    }

    private static int ParseDayGroups(RequestValidation validation, string? text)
    {
        if (text is null)
            return DefaultDayGroups;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= MaximumDayGroups)
            return count;
        validation.Add("dayGroups",
            $"'dayGroups' must be a whole number from 0 to {MaximumDayGroups} (default {DefaultDayGroups}); '{text}' is not.");
        return DefaultDayGroups;
    }

    /// <summary>
    /// The summary of the <paramref name="groups"/> (cells over the whole range; by day, the days themselves, keyed by
    /// their name), its <paramref name="totals"/> and the <paramref name="days"/> (cells per day).
    /// </summary>
    private static Summary Summarize(ReportScope scope, ReportGrouping grouping, IReadOnlyList<ReportCell> groups, ReportSums totals,
        IReadOnlyList<ReportCell> days)
    {
        var sorted = groups.Order(GroupOrder).ToList();
        var rank = sorted.Select((g, i) => (g.Key, i)).Where(p => p.Key is not null).ToDictionary(p => p.Key!.Value, p => p.i);
        string? KeyOf(ReportCell cell) => grouping.ByDay ? Text(cell.Day!.Value) : cell.Key?.ToString(CultureInfo.InvariantCulture);
        // A day's groups in the groups' order, the one without a key last.
        var perDay = days.GroupBy(c => c.Day!.Value).OrderBy(d => d.Key)
            .Select(d => new ReportDay(d.Key,
                [.. d.Where(c => !c.Other).OrderBy(c => c.Key is { } key ? rank[key] : int.MaxValue)
                    .Select(c => new ReportDayGroup(KeyOf(c), c.Sums.Seconds))],
                d.Where(c => c.Other).Sum(c => c.Sums.Seconds)))
            .ToList();
        return new Summary(scope.First, scope.Last, scope.Calendar.Zone.Id, grouping.Name,
            [.. sorted.Select(g => Group(grouping.ByDay ? g.Name : g.Key?.ToString(CultureInfo.InvariantCulture), g.Name ?? grouping.Unnamed,
                g.Sums))],
            new ReportTotals(totals.Seconds, Money.Hours(totals.Seconds), totals.BillableSeconds, Money.Hours(totals.BillableSeconds),
                totals.Amount, totals.UnratedSeconds),
            perDay);
    }

    /// <summary>The groups' order: by name (days by date, which their names are), the group without a key last.</summary>
    private static Comparer<ReportCell> GroupOrder { get; } = Comparer<ReportCell>.Create((a, b) =>
    {
        var order = (a.Key is null && a.Name is null).CompareTo(b.Key is null && b.Name is null);
        if (order == 0)
            order = StringComparer.OrdinalIgnoreCase.Compare(a.Name, b.Name);
        return order != 0 ? order : Nullable.Compare(a.Key, b.Key);
    });

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ReportGroup Group(string? key, string name, ReportSums sums) =>
        new(key, name, sums.Seconds, Money.Hours(sums.Seconds), sums.BillableSeconds, Money.Hours(sums.BillableSeconds), sums.Amount);

    private static ReportSums Sum(IEnumerable<ReportCell> cells) => cells.Aggregate(default(ReportSums), (sum, cell) => sum + cell.Sums);
}
