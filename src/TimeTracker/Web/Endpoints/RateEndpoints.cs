using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Paging;
using TimeTracker.Tracking.Rates;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Web.Requests;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/rates</c>: the organization's rate history and re-pricing (admins and owners).</summary>
internal static class RateEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var rates = org.MapGroup("/rates").WithTags("Rates").AcceptsApiTokens(ApiScope.Admin);
        rates.MapGet("/", ListAsync).WithName("listRates")
            .Paged().WithSummary("A page of the rate history, newest change first, each with where it stands today; level, projectId and userId " +
                "narrow it; limit, cursor (admins and owners).");
        rates.MapPost("/", SetAsync).WithName("setRate")
            .WithSummary("Set a rate at a level from a day (default today; a level's first rate from the beginning); entries already recorded " +
                "keep theirs (admins and owners).");
        rates.MapDelete("/{id:long}", DeleteAsync).WithName("deleteRate")
            .WithSummary("Delete a rate change, such as a scheduled one; entries already recorded keep their rates (admins and owners).");
        rates.MapPost("/reprice", RepriceAsync).WithName("repriceEntries")
            .WithSummary("Give the entries of a range of days (optionally one project's or member's) the rate in effect on their day now, or " +
                "with dryRun count what would change; entries on invoices never change (admins and owners).");
    }

    private static async Task<Ok<Page<RateResponse>>> ListAsync(long orgId,
        [AllowedValues(RateLevel.Organization, RateLevel.Member, RateLevel.Project, RateLevel.ProjectMember)] string? level, long? projectId,
        long? userId, string? limit, string? cursor, CurrentUser user, RateSchedule schedule, CancellationToken cancellationToken) =>
        TypedResults.Ok((await schedule.ListAsync(user.Id, orgId, new RateQuery(level, projectId, userId),
            PageRequest.Parse(limit, cursor, byName: false), cancellationToken)).Select(RateResponse.Of));

    private static async Task<Ok<RateResponse>> SetAsync(long orgId, SetRateRequest request, CurrentUser user, RateSchedule schedule,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(RateResponse.Of(await schedule.SetAsync(user.Id, orgId, request.ToCommand(), cancellationToken)));

    private static async Task<NoContent> DeleteAsync(long orgId, long id, CurrentUser user, RateSchedule schedule,
        CancellationToken cancellationToken)
    {
        await schedule.DeleteAsync(user.Id, orgId, id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<RepriceResponse>> RepriceAsync(long orgId, RepriceRequest request, CurrentUser user, Repricing repricing,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(RepriceResponse.Of(await repricing.RunAsync(user.Id, orgId, request.ToCommand(), cancellationToken)));
}
