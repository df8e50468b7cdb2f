using System.Text.Json;

namespace TimeTracker.Tests.Billing;

/// <summary>Stripe event bodies as the API version the endpoint is pinned to (2026-10-28.endive) shapes them.</summary>
internal static class StripePayloads
{
    public const string ApiVersion = "2026-10-28.endive";

    public static string Event(string id, string type, DateTimeOffset created, object dataObject) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = ApiVersion,
        ["created"] = created.ToUnixTimeSeconds(),
        ["data"] = new Dictionary<string, object?> { ["object"] = dataObject, ["previous_attributes"] = new { } },
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new Dictionary<string, object?> { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
    });

    public static string NewEventId() => "evt_" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>A completed Checkout Session: <paramref name="sessionId"/> naming <paramref name="organizationId"/> in <c>client_reference_id</c> and <c>metadata</c>, as the server creates them.</summary>
    public static Dictionary<string, object?> Checkout(long organizationId, string customer, string subscription, string sessionId)
    {
        var organization = organizationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new()
        {
            ["id"] = sessionId,
            ["object"] = "checkout.session",
            ["client_reference_id"] = organization,
            ["metadata"] = new Dictionary<string, object?> { ["organization_id"] = organization },
            ["customer"] = customer,
            ["subscription"] = subscription,
            ["mode"] = "subscription",
            ["status"] = "complete",
            ["payment_status"] = "paid",
        };
    }

    /// <summary>A subscription with one per-seat item; its period ends on the item, as since API 2025-03-31.</summary>
    public static Dictionary<string, object?> Subscription(
        string id, string customer, string status, int quantity = 5, string price = "price_team_monthly",
        DateTimeOffset? periodEnd = null, DateTimeOffset? trialEnd = null, DateTimeOffset? cancelAt = null, DateTimeOffset? endedAt = null) => new()
    {
        ["id"] = id,
        ["object"] = "subscription",
        ["customer"] = customer,
        ["status"] = status,
        ["cancel_at"] = cancelAt?.ToUnixTimeSeconds(),
        ["cancel_at_period_end"] = false,
        ["canceled_at"] = endedAt?.ToUnixTimeSeconds(),
        ["ended_at"] = endedAt?.ToUnixTimeSeconds(),
        ["trial_end"] = trialEnd?.ToUnixTimeSeconds(),
        ["items"] = new Dictionary<string, object?>
        {
            ["object"] = "list",
            ["data"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["id"] = "si_" + id,
                    ["object"] = "subscription_item",
                    ["quantity"] = quantity,
                    ["price"] = new Dictionary<string, object?> { ["id"] = price, ["object"] = "price" },
                    ["current_period_start"] = (periodEnd ?? DateTimeOffset.UnixEpoch).AddMonths(-1).ToUnixTimeSeconds(),
                    ["current_period_end"] = periodEnd?.ToUnixTimeSeconds(),
                },
            },
            ["has_more"] = false,
        },
    };

    public static Dictionary<string, object?> Invoice(string customer, string subscription, long amountDue = 4900, string currency = "eur") => new()
    {
        ["id"] = "in_" + Guid.NewGuid().ToString("N")[..16],
        ["object"] = "invoice",
        ["customer"] = customer,
        ["amount_due"] = amountDue,
        ["currency"] = currency,
        ["hosted_invoice_url"] = "https://invoice.stripe.test/i/abc",
        ["parent"] = new Dictionary<string, object?>
        {
            ["type"] = "subscription_details",
            ["subscription_details"] = new Dictionary<string, object?> { ["subscription"] = subscription },
        },
    };

    public static Dictionary<string, object?> Customer(string id) => new() { ["id"] = id, ["object"] = "customer", ["deleted"] = true };
}
