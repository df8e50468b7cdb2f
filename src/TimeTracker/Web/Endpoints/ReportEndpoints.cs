using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Tracking.Reports;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Requests;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/reports</c>: totals over a period and the entries behind them, as JSON or CSV.</summary>
internal static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var reports = org.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/summary", GetSummaryAsync).WithName("getSummaryReport").Produces<string>(StatusCodes.Status200OK, Csv.MediaType)
            .Filtered().DayGroups()
            .WithSummary("Totals and billable amounts from one date to another (both included, in your time zone) by project, client, user, tag or " +
                "day, with each day's time by its largest groups (dayGroups) and the rest; filters clientId, projectId, userId, tag (each " +
                "repeatable) and billable; Accept: text/csv for CSV.");
        reports.MapGet("/detailed", GetDetailedAsync).WithName("getDetailedReport").Produces<string>(StatusCodes.Status200OK, Csv.MediaType)
            .Paged().Filtered()
            .WithSummary("The entries the summary counts, oldest first, each with its amount, a page at a time; the summary's filters; " +
                "Accept: text/csv for the whole list as CSV.");
    }

    private static async Task<Results<Ok<SummaryResponse>, ContentHttpResult>> GetSummaryAsync(long orgId, [DataType(DataType.Date)] string? from,
        [DataType(DataType.Date)] string? to, [AllowedValues("project", "client", "user", "tag", "day")] string? groupBy,
        [FromQuery] string[]? clientId, [FromQuery] string[]? projectId, [FromQuery] string[]? userId, [FromQuery] string[]? tag, string? billable,
        string? dayGroups, HttpContext context, CurrentUser user, SummaryReport report, CancellationToken cancellationToken)
    {
        var summary = await report.RunAsync(user.Id, orgId, from, to, groupBy, new(clientId, projectId, userId, tag, billable), dayGroups,
            cancellationToken);
        if (!WantsCsv(context))
            return TypedResults.Ok(SummaryResponse.Of(summary));
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{SummaryCsv.FileName(summary)}\"";
        return TypedResults.Text(SummaryCsv.Write(summary), Csv.MediaType + "; charset=utf-8");
    }

    // Parameters one by one: the request delegate generator mishandles [AsParameters] records with nullable strings.
    private static async Task<Results<Ok<DetailedReportPage>, PushStreamHttpResult>> GetDetailedAsync(long orgId,
        [DataType(DataType.Date)] string? from, [DataType(DataType.Date)] string? to,
        [FromQuery] string[]? clientId, [FromQuery] string[]? projectId, [FromQuery] string[]? userId, [FromQuery] string[]? tag, string? billable,
        string? limit, string? cursor, HttpContext context, CurrentUser user, DetailedReport report, CancellationToken cancellationToken)
    {
        var filters = new ReportFilterText(clientId, projectId, userId, tag, billable);
        if (!WantsCsv(context))
            return TypedResults.Ok(DetailedReportPage.Of(
                await report.PageAsync(user.Id, orgId, from, to, filters, limit, cursor, cancellationToken)));
        var export = await report.ExportAsync(user.Id, orgId, from, to, filters, cancellationToken);
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{DetailedCsv.FileName(export)}\"";
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            await DetailedCsv.WriteAsync(writer, export, cancellationToken);
        }, Csv.MediaType + "; charset=utf-8");
    }

    private static bool WantsCsv(HttpContext context) => context.Request.GetTypedHeaders().Accept
        .Any(a => a.MediaType.Equals(Csv.MediaType, StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}
