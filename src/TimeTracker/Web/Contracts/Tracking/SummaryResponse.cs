using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Reports;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The answer of <c>GET /orgs/{orgId}/reports/summary</c>: the days covered, in which time zone, the groups, their totals,
/// and <c>days</c>, each day with time and the seconds of each group that day (for a chart of time per day).
/// </summary>
internal sealed record SummaryResponse(
    DateOnly From, DateOnly To, string TimeZone, [property: AllowedValues("project", "client", "user", "tag", "day")] string GroupBy,
        IReadOnlyList<ReportGroup> Groups, ReportTotals Totals, IReadOnlyList<ReportDay> Days)
{
    /// <summary>The response describing <paramref name="summary"/>.</summary>
    public static SummaryResponse Of(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.From, summary.To, summary.TimeZone, summary.GroupBy, summary.Groups, summary.Totals, summary.Days);
    }
}
