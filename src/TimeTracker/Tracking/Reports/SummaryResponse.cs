using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Tracking.Reports;

/// <summary>The answer of <c>GET /orgs/{orgId}/reports/summary</c>: the days covered, in which time zone, and the groups.</summary>
internal sealed record SummaryResponse(
    DateOnly From, DateOnly To, string TimeZone, [property: AllowedValues("project", "client", "user", "tag", "day")] string GroupBy,
        IReadOnlyList<ReportGroup> Groups, ReportTotals Totals);
