using System.Globalization;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// Totals of finished time entries over whole days in the caller's time zone, grouped by project, client, user,
/// tag or day, with billable amounts: billable seconds times the rate fixed on each entry when it was recorded
/// (<see cref="Rates.EntryRate"/>), and each day's time by group. Filters narrow the entries (<see cref="ReportFilter"/>). Admins and owners see
/// everyone's time; members their own.
/// </summary>
/// <remarks>
/// The sums come per local day and group from <see cref="SummaryCells"/>: from the daily totals for the whole
/// organization, from the entries otherwise. They are integers (seconds, and seconds times rates in cents), so the
/// amounts are exact and rounded to cents once per group and once for the total, never in floating point. An entry
/// counts on the day it started; running timers are left out.
/// </remarks>
internal sealed class SummaryReport(AppDatabase database)
{
    /// <summary>The summary of <paramref name="from"/> to <paramref name="to"/> (dates, both included) grouped by
    /// <paramref name="groupBy"/> (project by default), of the entries <paramref name="filters"/> lets through.</summary>
    public Task<Summary> RunAsync(long userId, long organizationId, string? from, string? to, string? groupBy, ReportFilterText filters,
        CancellationToken cancellationToken) =>
        RunAsync(userId, organizationId, from, to, groupBy, filters, fromTotals: true, cancellationToken);

    /// <summary>
    /// The same summary; with <paramref name="fromTotals"/> false, always summed from the entries themselves (what the
    /// tests compare the daily totals with).
    /// </summary>
    internal async Task<Summary> RunAsync(long userId, long organizationId, string? from, string? to, string? groupBy, ReportFilterText filters,
        bool fromTotals, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var grouping = ReportGrouping.Find(groupBy ?? "project");
        if (grouping is null)
            validation.Add("groupBy", $"'groupBy' must be one of {string.Join(", ", ReportGrouping.All.Select(g => g.Name))}; '{groupBy}' is not.");
        var filter = ReportFilter.Parse(validation, filters);
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var scope = await ReportScope.OpenAsync(session, member, validation, from, to, filter, cancellationToken);
            var cells = await SummaryCells.ReadAsync(session, scope, grouping!, fromTotals, cancellationToken);
            var totals = grouping!.Overlaps
                ? await SummaryCells.ReadAsync(session, scope, ReportGrouping.Totals, fromTotals, cancellationToken)
                : cells;
            return Summarize(scope, grouping, cells, totals);
        }, cancellationToken);
    }

    private static Summary Summarize(ReportScope scope, ReportGrouping grouping, IReadOnlyList<ReportCell> cells,
        IReadOnlyList<ReportCell> totalCells)
    {
        // Each key's text made once: by member, a month holds tens of thousands of cells of a thousand keys.
        var texts = new Dictionary<(DateOnly, long), string>();
        string? KeyOf(ReportCell cell)
        {
            if (!grouping.ByDay && cell.Key is null)
                return null;
            var key = grouping.ByDay ? (cell.Day, 0L) : (default(DateOnly), cell.Key!.Value);
            if (!texts.TryGetValue(key, out var text))
            {
                texts[key] = text = grouping.ByDay
                    ? cell.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : cell.Key!.Value.ToString(CultureInfo.InvariantCulture);
            }
            return text;
        }

        var groups = cells.GroupBy(KeyOf)
            .Select(g => Group(g.Key, grouping.ByDay ? g.Key! : g.Select(c => c.Name).FirstOrDefault(n => n is not null) ?? grouping.Unnamed,
                Sum(g)))
            .OrderBy(g => g.Key is null)
            .ThenBy(g => grouping.ByDay ? g.Key : g.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        // Keys are ids or dates, never empty: "" stands for the group without one.
        var rank = groups.Select((g, i) => (g.Key ?? "", i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
        // A cell is one group's day already (SummaryCells keys them so).
        var perDay = cells.GroupBy(c => c.Day).OrderBy(d => d.Key)
            .Select(d => new ReportDay(d.Key, [.. d.Select(c => new ReportDayGroup(KeyOf(c), c.Sums.Seconds)).OrderBy(g => rank[g.Key ?? ""])]))
            .ToList();
        var total = Sum(totalCells);
        var totals = new ReportTotals(total.Seconds, Money.Hours(total.Seconds), total.BillableSeconds, Money.Hours(total.BillableSeconds),
            total.Amount, total.UnratedSeconds);
        return new Summary(scope.First, scope.Last, scope.Calendar.Zone.Id, grouping.Name, groups, totals, perDay);
    }

    private static ReportGroup Group(string? key, string name, ReportSums sums) =>
        new(key, name, sums.Seconds, Money.Hours(sums.Seconds), sums.BillableSeconds, Money.Hours(sums.BillableSeconds), sums.Amount);

    private static ReportSums Sum(IEnumerable<ReportCell> cells) => cells.Aggregate(default(ReportSums), (sum, cell) => sum + cell.Sums);
}
