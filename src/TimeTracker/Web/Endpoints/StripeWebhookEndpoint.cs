using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Billing;
using TimeTracker.Billing.Events;
using TimeTracker.Billing.Processing;
using TimeTracker.Billing.Webhooks;
using TimeTracker.Hosting;
using TimeTracker.Web.Contracts.Billing;
using TimeTracker.Web.Problems;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary>
/// <c>POST /api/v1/webhooks/stripe</c>: authenticates a delivery, stores its event once, and answers at once; workers
/// process it later. Every refusal is a 400 that says why, and stores nothing.
/// </summary>
internal static class StripeWebhookEndpoint
{
    /// <summary>The route, under <see cref="ApiHost.ApiPrefix"/>, that Stripe's webhook endpoint points at.</summary>
    public const string Route = "/webhooks/stripe";

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost(Route, ReceiveAsync).WithName("receiveStripeWebhook")
            .DescribesBody<StripeEventPayload>().RequiresHeader(
                "Stripe-Signature", "Stripe's signature of the exact body (t=…,v1=…), made with the endpoint's signing secret.")
            .WithTags("Billing")
            .WithSummary("Stripe's webhook: verifies the Stripe-Signature header, stores the event once by its id, and answers 200 at once.");

    private static async Task<Ok<WebhookReceipt>> ReceiveAsync(HttpRequest request, StripeSignatureVerifier verifier, EventInbox inbox,
        EventArrivals arrivals, IOptions<StripeOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var payload = await ReadBodyAsync(request, options.Value.MaxPayloadBytes, cancellationToken);
        verifier.Verify(payload, request.Headers["Stripe-Signature"]);
        var envelope = StripeEventEnvelope.Parse(payload);
        if (envelope.ApiVersion is { } version && version != StripeApiVersion.Pinned)
            Log.StripeEventOtherApiVersion(loggers.CreateLogger(typeof(StripeWebhookEndpoint).FullName!), envelope.Id, version,
                StripeApiVersion.Pinned);
        var receipt = await inbox.StoreAsync(envelope, payload, cancellationToken);
        if (!receipt.Duplicate && receipt.Status == EventStatus.Pending)
            arrivals.Notify();
        return TypedResults.Ok(WebhookReceipt.Of(receipt));
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            throw TooLarge(request.ContentLength.Value, limit);
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
                throw TooLarge(null, limit);
            body.Write(buffer, 0, read);
        }
        if (body.Length == 0)
            throw new ApiProblemException(400, "Malformed Stripe event", "The body is empty; a Stripe event is JSON. Nothing was stored.");
        // The signature covers the exact bytes; a body that is not UTF-8 changes here and fails the signature check.
        return System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
    }

    private static ApiProblemException TooLarge(long? length, int limit)
    {
        var size = length is { } bytes ? bytes.ToString(CultureInfo.InvariantCulture) : "more than " + limit.ToString(CultureInfo.InvariantCulture);
        return new(400, "Body too large",
            $"The body has {size} bytes; this endpoint reads at most {limit} (Stripe:MaxPayloadBytes). Nothing was stored.");
    }
}
