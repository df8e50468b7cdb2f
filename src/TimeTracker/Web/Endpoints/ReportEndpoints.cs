using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Tracking.Reports;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Web.Authentication;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/reports</c>: totals over a period, as JSON or CSV.</summary>
internal static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var reports = org.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/summary", GetSummaryAsync).WithName("getSummaryReport").Produces<string>(StatusCodes.Status200OK, SummaryCsv.MediaType)
            .WithSummary("Totals and billable amounts from one date to another (both included, in your time zone) by project, client, user, tag or " +
                "day; Accept: text/csv for CSV.");
    }

    private static async Task<Results<Ok<SummaryResponse>, ContentHttpResult>> GetSummaryAsync(long orgId, [DataType(DataType.Date)] string? from,
        [DataType(DataType.Date)] string? to, [AllowedValues("project", "client", "user", "tag", "day")] string? groupBy,
        HttpContext context, CurrentUser user, SummaryReport report, CancellationToken cancellationToken)
    {
        var summary = await report.RunAsync(user.Id, orgId, from, to, groupBy, cancellationToken);
        var csv = context.Request.GetTypedHeaders().Accept
            .Any(a => a.MediaType.Equals(SummaryCsv.MediaType, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
        if (!csv)
            return TypedResults.Ok(SummaryResponse.Of(summary));
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{SummaryCsv.FileName(summary)}\"";
        return TypedResults.Text(SummaryCsv.Write(summary), SummaryCsv.MediaType + "; charset=utf-8");
    }
}
