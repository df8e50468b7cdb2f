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
                var days = await cells.ReadAsync(perDay: true, byGroup: false, only: null, cancellationToken);
                return Summarize(scope, grouping, [.. days.Select(d => d with { Name = Text(d.Day!.Value) })], Sum(days), days, null);
            }
            var (groups, dayGroups, dayTotals) = cells.ReadsTotals
                ? await FromTotalsAsync(cells, breakdown, cancellationToken)
                : await FromEntriesAsync(cells, breakdown, cancellationToken);
            var totals = grouping.Overlaps
                ? Sum(await new SummaryCells(session, scope, ReportGrouping.Totals, fromTotals).ReadAsync(false, false, null, cancellationToken))
                : Sum(groups);
            return Summarize(scope, grouping, groups, totals, dayGroups, dayTotals);
        }, cancellationToken);
    }

    /// <summary>
    /// From the totals, where a month by member is 21,000 daily rows: the database sums the groups (by member, from the
    /// monthly rows), then the days of the groups broken down (through an index that holds the group), then each day's
    /// total, if some groups are not broken down.
    /// </summary>
    private static async Task<(IReadOnlyList<ReportCell>, IReadOnlyList<ReportCell>, IReadOnlyList<ReportCell>?)> FromTotalsAsync(
        SummaryCells cells, int breakdown, CancellationToken cancellationToken)
    {
        var groups = await cells.ReadAsync(perDay: false, byGroup: true, only: null, cancellationToken);
        var shown = Largest(groups, breakdown);
        var everyone = shown.Count == groups.Count;
        var dayGroups = await cells.ReadAsync(perDay: true, byGroup: true, everyone ? null : shown, cancellationToken);
        var dayTotals = everyone ? null : await cells.ReadAsync(perDay: true, byGroup: false, only: null, cancellationToken);
        return (groups, dayGroups, dayTotals);
    }

    /// <summary>
    /// From the entries, which the scope bounds (a member's own, or a filtered few): every group's days in one read, the
    /// groups and each day's total summed here.
    /// </summary>
    private static async Task<(IReadOnlyList<ReportCell>, IReadOnlyList<ReportCell>, IReadOnlyList<ReportCell>?)> FromEntriesAsync(
        SummaryCells cells, int breakdown, CancellationToken cancellationToken)
    {
        var all = await cells.ReadAsync(perDay: true, byGroup: true, only: null, cancellationToken);
        List<ReportCell> groups =
            [.. all.GroupBy(c => c.Key).Select(g => new ReportCell(null, g.Key, g.Select(c => c.Name).FirstOrDefault(n => n is not null), Sum(g)))];
        var shown = Largest(groups, breakdown);
        List<ReportCell> days = [.. all.GroupBy(c => c.Day).Select(d => new ReportCell(d.Key, null, null, Sum(d)))];
        return (groups, [.. all.Where(c => shown.Contains(c.Key))], days);
    }

    // The keys of the groups each day breaks down: those with the most time, as a chart stacks them, ties in the groups' order.
    private static HashSet<long?> Largest(IEnumerable<ReportCell> groups, int count) =>
        groups.OrderByDescending(g => g.Sums.Seconds).ThenBy(g => g, GroupOrder).Take(count).Select(g => g.Key).ToHashSet();

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
    /// The summary of the <paramref name="groups"/> (cells over the whole range; by day, the days themselves, named by
    /// their date), its <paramref name="totals"/>, and per day the cells of the groups broken down,
    /// <paramref name="dayGroups"/>, and of all groups together, <paramref name="dayTotals"/> (none when every group is
    /// broken down): what they leave is the day's other time.
    /// </summary>
    private static Summary Summarize(ReportScope scope, ReportGrouping grouping, IReadOnlyList<ReportCell> groups, ReportSums totals,
        IReadOnlyList<ReportCell> dayGroups, IReadOnlyList<ReportCell>? dayTotals)
    {
        var sorted = groups.Order(GroupOrder).ToList();
        var rank = sorted.Select((g, i) => (g.Key, i)).Where(p => p.Key is not null).ToDictionary(p => p.Key!.Value, p => p.i);
        string? KeyOf(ReportCell cell) => grouping.ByDay ? Text(cell.Day!.Value) : cell.Key?.ToString(CultureInfo.InvariantCulture);
        var broken = dayGroups.ToLookup(c => c.Day!.Value);
        var whole = (dayTotals ?? []).ToDictionary(c => c.Day!.Value, c => c.Sums.Seconds);
        var perDay = whole.Keys.Union(broken.Select(d => d.Key)).Order()
            .Select(day => new ReportDay(day,
                // A day's groups in the groups' order, the one without a key last.
                [.. broken[day].OrderBy(c => c.Key is { } key ? rank[key] : int.MaxValue).Select(c => new ReportDayGroup(KeyOf(c), c.Sums.Seconds))],
                dayTotals is null ? 0 : whole.GetValueOrDefault(day) - broken[day].Sum(c => c.Sums.Seconds)))
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
