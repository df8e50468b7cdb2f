using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Reports;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>The answer of <c>GET /orgs/{orgId}/reports/summary</c>: the days covered, in which time zone, and the groups.</summary>
internal sealed record SummaryResponse(
    DateOnly From, DateOnly To, string TimeZone, [property: AllowedValues("project", "client", "user", "tag", "day")] string GroupBy,
        IReadOnlyList<ReportGroup> Groups, ReportTotals Totals)
{
    /// <summary>The response describing <paramref name="summary"/>.</summary>
    public static SummaryResponse Of(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new(summary.From, summary.To, summary.TimeZone, summary.GroupBy, summary.Groups, summary.Totals);
    }
}
