using System.Globalization;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// Totals of finished time entries over whole days in the caller's time zone, grouped by project, client, user,
/// tag or day, with billable amounts: billable seconds times the project's hourly rate, else the member's default
/// rate. Admins and owners see everyone's time; members their own.
/// </summary>
/// <remarks>
/// The database sums seconds per group and rate (integers, exact on both databases); the amounts are computed here
/// in <see cref="decimal"/> and rounded to cents once per group and once for the total, never in floating point.
/// An entry counts on the day it started; running timers are left out.
/// </remarks>
internal sealed class SummaryReport(AppDatabase database)
{
    /// <summary>The summary of <paramref name="from"/> to <paramref name="to"/> (dates, both included) grouped by
    /// <paramref name="groupBy"/> (project by default).</summary>
    public async Task<Summary> RunAsync(
        long userId, long organizationId, string? from, string? to, string? groupBy, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var grouping = ReportGrouping.Find(groupBy ?? "project");
        if (grouping is null)
            validation.Add("groupBy", $"'groupBy' must be one of {string.Join(", ", ReportGrouping.All.Select(g => g.Name))}; '{groupBy}' is not.");
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var calendar = await LocalCalendar.OfUserAsync(session, userId, cancellationToken);
            var range = TimeRange.Parse(validation, from, to, calendar, datesOnly: true);
            validation.ThrowIfInvalid();

            var parameters = new List<(string, object?)> { ("org", organizationId), ("from", range!.Start), ("to", range.End) };
            if (!member.IsManager)
                parameters.Add(("user", userId));
            var rows = await SumsAsync(grouping!, member.IsManager);
            var groups = rows.GroupBy(r => grouping!.ByDay ? calendar.DayOf(DateTimeOffset.FromUnixTimeSeconds(r.Key!.Value * 900)).ToString(
                "yyyy-MM-dd", CultureInfo.InvariantCulture) : r.Key?.ToString(CultureInfo.InvariantCulture))
                .Select(g => Group(g.Key, grouping!.ByDay ? g.Key! : g.First().Name ?? grouping.Unnamed, g))
                .OrderBy(g => g.Key is null)
                .ThenBy(g => grouping!.ByDay ? g.Key : g.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .ToList();
            var totals = Totals(grouping!.Overlaps ? await SumsAsync(ReportGrouping.Totals, member.IsManager) : rows);
            var (first, last) = range.Days!.Value;
            return new Summary(first, last, calendar.Zone.Id, grouping.Name, groups, totals);

            async Task<List<GroupSum>> SumsAsync(ReportGrouping by, bool everyone)
            {
                var entryKey = by.EntryKeySql.Replace("{quarterHour}", session.Dialect.EpochSlot("e.started_at", 900), StringComparison.Ordinal);
                var sql =
                    $"SELECT {by.KeySql} AS group_key, {by.NameSql} AS group_name, COALESCE(p.hourly_rate, u.default_hourly_rate) AS rate, " +
                    $"s.billable, SUM(s.seconds) AS seconds FROM (" +
                    $"SELECT e.project_id, e.user_id, e.billable, {entryKey} AS k, SUM(e.duration_seconds) AS seconds " +
                    $"FROM time_entries e{by.EntryJoins} " +
                    "WHERE e.organization_id = @org AND e.started_at >= @from AND e.started_at < @to AND e.duration_seconds IS NOT NULL" +
                    (everyone ? "" : " AND e.user_id = @user") +
                    $" GROUP BY 1, 2, 3, 4) s LEFT JOIN projects p ON p.id = s.project_id JOIN users u ON u.id = s.user_id{by.Joins} GROUP " +
                    $"BY 1, 2, 3, 4";
                return await session.QueryAsync(sql, r => new GroupSum(
                    r.Int64OrNull("group_key"), r.StringOrNull("group_name"),
                    r.DecimalOrNull("rate") is { } rate ? Money.Round(rate) : null, r.Boolean("billable"), r.Int64("seconds")),
                    cancellationToken, [.. parameters]);
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

    // Seconds of one group at one rate, billable or not, as the database sums them.
    private sealed record GroupSum(long? Key, string? Name, decimal? Rate, bool Billable, long Seconds);
}
