using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Billing.Overview;
using TimeTracker.Billing.Sessions;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Billing;
using TimeTracker.Web.Requests;

namespace TimeTracker.Web.Endpoints;

/// <summary>
/// <c>/orgs/{id}/billing/…</c>: an owner reads the subscription, subscribes through a Checkout the server starts, and manages the subscription
/// in Stripe's Billing Portal. Like every organization route, another organization's id is a 404.
/// </summary>
internal static class BillingEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var billing = api.MapGroup("/orgs/{id:long}/billing").WithTags("Billing").RequireAuthorization()
            .WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes));

        billing.MapGet("", GetAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("getBilling")
            .WithSummary("The organization's subscription (owners): status, plan, seats used and paid, trial end, next billing date, " +
                "subscription end, whether a Stripe customer exists (Billing Portal) and the prices on offer (Checkout).");

        billing.MapPost("/checkout", CheckoutAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("startCheckout")
            .WithSummary("Start a Stripe Checkout that subscribes the organization (owners): an allowed price (Billing:Prices), one unit per seat. " +
                "Answers the session's id and url.");

        billing.MapPost("/portal", OpenPortalAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("openBillingPortal")
            .WithSummary("Open the Stripe Billing Portal for the organization's customer (owners); 409 before a Checkout linked one.");
    }

    private static async Task<Ok<BillingResponse>> GetAsync(long id, CurrentUser user, BillingAccount account, CancellationToken cancellationToken) =>
        TypedResults.Ok(BillingResponse.Of(await account.OverviewAsync(user.Id, id, cancellationToken)));

    private static async Task<Ok<BillingSessionResponse>> CheckoutAsync(long id, CheckoutRequest? request, CurrentUser user, BillingSessions sessions,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(BillingSessionResponse.Of(await sessions.CheckoutAsync(user.Id, id, request?.Price, cancellationToken)));

    private static async Task<Ok<BillingSessionResponse>> OpenPortalAsync(long id, CurrentUser user, BillingSessions sessions,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(BillingSessionResponse.Of(await sessions.PortalAsync(user.Id, id, cancellationToken)));
}
