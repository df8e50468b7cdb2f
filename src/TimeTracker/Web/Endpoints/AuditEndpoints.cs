using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Paging;
using TimeTracker.Tracking.Audit;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Web.Requests;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/audit-log</c>: who changed what in the organization, for its admins and owners.</summary>
internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        org.MapGet("/audit-log", ListAsync).WithTags("Audit log").WithName("listAuditLog")
            .Paged().WithSummary("A page of the organization's audit rows, newest first (admins and owners): entityType, entityId (an entry's " +
                "history: time_entry and its id), actorId, from, to, limit, cursor.");
    }

    // Parameters one by one, as the entries' list: the request delegate generator mishandles [AsParameters] records with nullable strings.
    private static async Task<Ok<Page<AuditRecordResponse>>> ListAsync(long orgId, string? entityType, string? entityId, long? actorId, string? from,
        string? to, string? limit, string? cursor, CurrentUser user, AuditTrail trail, CancellationToken cancellationToken) =>
        TypedResults.Ok((await trail.ListAsync(user.Id, orgId, new AuditQuery(entityType, entityId, actorId, from, to, limit, cursor),
            cancellationToken))
            .Select(AuditRecordResponse.Of));
}
