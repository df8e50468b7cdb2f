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
/// The database sums seconds per group and rate (integers, exact on both databases); the amounts are computed here
/// in <see cref="decimal"/> and rounded to cents once per group and once for the total, never in floating point.
/// An entry counts on the day it started; running timers are left out.
/// </remarks>
internal sealed class SummaryReport(AppDatabase database)
{
    /// <summary>The summary of <paramref name="from"/> to <paramref name="to"/> (dates, both included) grouped by
    /// <paramref name="groupBy"/> (project by default), of the entries <paramref name="filters"/> lets through.</summary>
    public async Task<Summary> RunAsync(long userId, long organizationId, string? from, string? to, string? groupBy, ReportFilterText filters,
        CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var grouping = ReportGrouping.Find(groupBy ?? "project");
        if (grouping is null)
            validation.Add("groupBy", $"'groupBy' must be one of {string.Join(", ", ReportGrouping.All.Select(g => g.Name))}; '{groupBy}' is not.");
        var filter = ReportFilter.Parse(validation, filters);
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var scope = await ReportScope.OpenAsync(session, member, validation, from, to, filter, cancellationToken);
            var days = new Dictionary<long, DateOnly>();
            DateOnly DayOf(long slot)
            {
                if (!days.TryGetValue(slot, out var day))
                    days[slot] = day = scope.Calendar.DayOf(DateTimeOffset.FromUnixTimeSeconds(slot * 900));
                return day;
            }
            string? KeyOf(GroupSum sum) => grouping!.ByDay
                ? DayOf(sum.Slot).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : sum.Key?.ToString(CultureInfo.InvariantCulture);

            var rows = await SumsAsync(grouping!);
            var groups = rows.GroupBy(KeyOf)
                .Select(g => Group(g.Key, grouping!.ByDay ? g.Key! : g.First().Name ?? grouping.Unnamed, g))
                .OrderBy(g => g.Key is null)
                .ThenBy(g => grouping!.ByDay ? g.Key : g.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            // Keys are ids or dates, never empty: "" stands for the group without one.
            var rank = groups.Select((g, i) => (g.Key ?? "", i)).ToDictionary(p => p.Item1, p => p.i, StringComparer.Ordinal);
            var perDay = rows.GroupBy(r => DayOf(r.Slot)).OrderBy(d => d.Key)
                .Select(d => new ReportDay(d.Key, [.. d.GroupBy(KeyOf).Select(g => new ReportDayGroup(g.Key, g.Sum(s => s.Seconds)))
                    .OrderBy(g => rank[g.Key ?? ""])]))
                .ToList();
            var totals = Totals(grouping!.Overlaps ? await SumsAsync(ReportGrouping.Totals) : rows);
            return new Summary(scope.First, scope.Last, scope.Calendar.Zone.Id, grouping.Name, groups, totals, perDay);

            async Task<List<GroupSum>> SumsAsync(ReportGrouping by)
            {
                var quarterHour = session.Dialect.EpochSlot("e.started_at", 900);
                var entryKey = by.EntryKeySql.Replace("{quarterHour}", quarterHour, StringComparison.Ordinal);
                var sql =
                    $"SELECT {by.KeySql} AS group_key, {by.NameSql} AS group_name, s.hourly_rate AS rate, " +
                    $"s.billable, s.slot, SUM(s.seconds) AS seconds FROM (" +
                    $"SELECT e.project_id, e.user_id, e.billable, e.hourly_rate, {entryKey} AS k, {quarterHour} AS slot, " +
                    $"SUM(e.duration_seconds) AS seconds FROM time_entries e{by.EntryJoins} WHERE {scope.Where}" +
                    $" GROUP BY 1, 2, 3, 4, 5, 6) s LEFT JOIN projects p ON p.id = s.project_id JOIN users u ON u.id = s.user_id{by.Joins} GROUP " +
                    $"BY 1, 2, 3, 4, 5";
                return await session.QueryAsync(sql, r => new GroupSum(
                    r.Int64OrNull("group_key"), r.StringOrNull("group_name"),
                    r.DecimalOrNull("rate") is { } rate ? Money.Round(rate) : null, r.Boolean("billable"), r.Int64("slot"), r.Int64("seconds")),
                    cancellationToken, [.. scope.Parameters]);
            }
        }, cancellationToken);
    }

    private static ReportGroup Group(string? key, string name, IEnumerable<GroupSum> sums)
    {
        var (total, billable, amount, _) = Add(sums);
        return new ReportGroup(key, name, total, Money.Hours(total), billable, Money.Hours(billable), Money.Round(amount));
    }

    private static ReportTotals Totals(IEnumerable<GroupSum> sums)
    {
        var (total, billable, amount, unrated) = Add(sums);
        return new ReportTotals(total, Money.Hours(total), billable, Money.Hours(billable), Money.Round(amount), unrated);
    }

    private static (long Total, long Billable, decimal Amount, long Unrated) Add(IEnumerable<GroupSum> sums)
    {
        long total = 0, billable = 0, unrated = 0;
        var amount = 0m;
        foreach (var sum in sums)
        {
            total += sum.Seconds;
            if (!sum.Billable)
                continue;
            billable += sum.Seconds;
            if (sum.Rate is { } rate)
                amount += Money.For(sum.Seconds, rate);
            else
                unrated += sum.Seconds;
        }
        return (total, billable, amount, unrated);
    }

    // Seconds of one group at one rate, billable or not, started in one quarter hour, as the database sums them.
    private sealed record GroupSum(long? Key, string? Name, decimal? Rate, bool Billable, long Slot, long Seconds);
}
