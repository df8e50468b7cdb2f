using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Accounts;
using TimeTracker.Billing.Contracts;
using TimeTracker.Hosting;

namespace TimeTracker.Billing.Sessions;

/// <summary>
/// <c>/orgs/{id}/billing/…</c>: an owner subscribes through a Checkout the server starts, and manages the subscription
/// in Stripe's Billing Portal. Like every organization route, another organization's id is a 404.
/// </summary>
internal static class BillingEndpoints
{
    public static void MapBillingEndpoints(this IEndpointRouteBuilder app)
    {
        var billing = app.MapGroup("/orgs/{id:long}/billing").WithTags("Billing").RequireAuthorization().WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes));

        billing.MapPost("/checkout", async (long id, CheckoutRequest? request, ClaimsPrincipal principal, BillingSessions sessions, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sessions.CheckoutAsync(AccountEndpoints.UserId(principal), id, request?.Price, cancellationToken)))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("StartCheckout")
            .WithSummary("Start a Stripe Checkout that subscribes the organization (owners): an allowed price (Billing:Prices), one unit per seat. Answers the session's id and url.");

        billing.MapPost("/portal", async (long id, ClaimsPrincipal principal, BillingSessions sessions, CancellationToken cancellationToken) =>
            TypedResults.Ok(await sessions.PortalAsync(AccountEndpoints.UserId(principal), id, cancellationToken)))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("OpenBillingPortal")
            .WithSummary("Open the Stripe Billing Portal for the organization's customer (owners); 409 before a Checkout linked one.");
    }
}
