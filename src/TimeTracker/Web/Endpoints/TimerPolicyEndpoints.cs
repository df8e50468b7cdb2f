using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Tracking.Timers;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/timer-policy</c>: when a forgotten timer's member is reminded, and when the timer is stopped.</summary>
internal static class TimerPolicyEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var policy = org.MapGroup("/timer-policy").WithTags("Timer policy").AcceptsApiTokens(ApiScope.Admin);
        policy.MapGet("/", GetAsync).WithName("getTimerPolicy")
            .WithSummary("The organization's timer policy (any member): the hours before the reminder email and before the timer is stopped.");
        policy.MapPut("/", UpdateAsync).WithName("updateTimerPolicy")
            .WithSummary("Replace the organization's timer policy (admins and owners); the reminder must come before the stop.");
    }

    private static async Task<Ok<TimerPolicyResponse>> GetAsync(long orgId, CurrentUser user, TimerPolicies policies,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TimerPolicyResponse.Of(await policies.GetAsync(user.Id, orgId, cancellationToken)));

    private static async Task<Ok<TimerPolicyResponse>> UpdateAsync(long orgId, TimerPolicyRequest request, CurrentUser user, TimerPolicies policies,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TimerPolicyResponse.Of(await policies.UpdateAsync(user.Id, orgId, request.ToCommand(), cancellationToken)));
}
