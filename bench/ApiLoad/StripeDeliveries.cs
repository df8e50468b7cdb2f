using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ApiLoad;

/// <summary>
/// Distinct, signed Stripe webhook deliveries for the webhook scenario: half invoice.paid, half
/// customer.subscription.updated, spread over the customers cus_bench_0 … cus_bench_{customers-1} the run seeded.
/// Signed per Stripe's documented scheme (HMAC-SHA256 of "t.body", hex, in "t=…,v1=…").
/// </summary>
internal sealed class StripeDeliveries(string secret, int customers)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private long _next;

    public HttpRequestMessage Next()
    {
        var n = Interlocked.Increment(ref _next);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var customer = "cus_bench_" + (n % customers).ToString(CultureInfo.InvariantCulture);
        var body = n % 2 == 0 ? Invoice(n, now, customer) : Subscription(n, now, customer);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{now}.{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/stripe") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={now},v1={signature}");
        return request;
    }

    private string Envelope(long n, long created, string type, string dataObject) =>
        $"{{\"id\":\"evt_bench_{_run}_{n}\",\"object\":\"event\",\"api_version\":\"2026-10-28.endive\",\"created\":{created},\"livemode\":false,\"pending_webhooks\":1,\"request\":{{\"id\":null,\"idempotency_key\":null}},\"type\":\"{type}\",\"data\":{{\"object\":{dataObject},\"previous_attributes\":{{}}}}}}";

    private string Invoice(long n, long created, string customer) => Envelope(n, created, "invoice.paid",
        $"{{\"id\":\"in_bench_{n}\",\"object\":\"invoice\",\"customer\":\"{customer}\",\"amount_due\":4900,\"amount_paid\":4900,\"currency\":\"eur\",\"status\":\"paid\",\"hosted_invoice_url\":\"https://invoice.stripe.test/i/{n}\",\"parent\":{{\"type\":\"subscription_details\",\"subscription_details\":{{\"subscription\":\"sub_{customer}\"}}}}}}");

    private string Subscription(long n, long created, string customer) => Envelope(n, created, "customer.subscription.updated",
        $"{{\"id\":\"sub_{customer}\",\"object\":\"subscription\",\"customer\":\"{customer}\",\"status\":\"active\",\"cancel_at\":null,\"cancel_at_period_end\":false,\"ended_at\":null,\"trial_end\":null,\"items\":{{\"object\":\"list\",\"data\":[{{\"id\":\"si_{n}\",\"object\":\"subscription_item\",\"quantity\":{n % 50 + 1},\"price\":{{\"id\":\"price_team\",\"object\":\"price\"}},\"current_period_start\":{created},\"current_period_end\":{created + 2_592_000}}}],\"has_more\":false}}}}");
}
