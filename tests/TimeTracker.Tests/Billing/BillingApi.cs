using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeTracker.Billing;
using TimeTracker.Billing.Processing;
using TimeTracker.Billing.Sessions;
using TimeTracker.Database;
using TimeTracker.Tests.Api;
using TimeTracker.Tests.Email;

namespace TimeTracker.Tests.Billing;

/// <summary>
/// A <see cref="TestApi"/> with a webhook secret and, unless a test wants it, no background worker: the test
/// delivers signed events over HTTP and processes them when it chooses, on the clock it moves. Its calls to
/// Stripe's API go to the shared <see cref="StripeStandIn"/>, with a secret key of its own.
/// </summary>
internal static class BillingApi
{
    public const string Secret = "whsec_test_billing_secret_0123456789abcdef";

    /// <summary>The prices in <c>Billing:Prices</c> unless a test says otherwise.</summary>
    public static readonly IReadOnlyList<string> Prices = ["price_team_monthly", "price_team_yearly"];

    public static async Task<TestApi> StartAsync(string dialect, SmtpTestServer mail, IDictionary<string, string>? settings = null, bool worker = false)
    {
        var stripe = await StripeStandIn.SharedAsync();
        var configuration = new Dictionary<string, string>
        {
            ["Stripe:WebhookSecrets:0"] = Secret,
            ["Stripe:SecretKey"] = "sk_test_" + Guid.NewGuid().ToString("N"),
            ["Stripe:ApiBase"] = stripe.BaseUrl,
            ["Billing:WorkerEnabled"] = worker ? "true" : "false",
            ["Billing:DunningInterval"] = "3.00:00:00",
        };
        for (var i = 0; i < Prices.Count; i++)
            configuration[$"Billing:Prices:{i}"] = Prices[i];
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            configuration[key] = value;
        return await TestApi.StartAsync(dialect, mail, configuration);
    }

    /// <summary>What the stand-in received from this API (its secret key), oldest first.</summary>
    public static async Task<IReadOnlyList<StripeRequest>> StripeRequestsAsync(this TestApi api) =>
        (await StripeStandIn.SharedAsync()).RequestsFor(api.Services.GetRequiredService<IOptions<StripeOptions>>().Value.SecretKey ?? "");

    /// <summary>
    /// A Checkout Session the server started for <paramref name="organizationId"/>, through the code behind
    /// <c>POST /orgs/{id}/billing/checkout</c> as the organization's (first) owner; returns its id.
    /// </summary>
    public static async Task<string> StartCheckoutAsync(this TestApi api, long organizationId, string price = "price_team_monthly")
    {
        var owner = long.Parse((await api.SqlAsync(
            $"SELECT CAST(user_id AS TEXT) FROM memberships WHERE organization_id = {organizationId} AND role = 'owner' ORDER BY id LIMIT 1")).Single(), CultureInfo.InvariantCulture);
        return (await api.Services.GetRequiredService<BillingSessions>().CheckoutAsync(owner, organizationId, price, CancellationToken.None)).Id;
    }

    /// <summary>The <c>checkout.session.completed</c> object of a Checkout the server started for <paramref name="organizationId"/>, paid as <paramref name="customer"/>.</summary>
    public static async Task<Dictionary<string, object?>> CompletedCheckoutAsync(this TestApi api, long organizationId, string customer, string subscription) =>
        StripePayloads.Checkout(organizationId, customer, subscription, await api.StartCheckoutAsync(organizationId));

    /// <summary>POSTs <paramref name="payload"/> to the webhook, signed now with the test secret unless <paramref name="signature"/> says otherwise.</summary>
    public static Task<HttpResponseMessage> DeliverAsync(this TestApi api, string payload, string? signature = "sign")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/stripe") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature == "sign" ? StripeSigner.Sign(payload, Secret, api.Time.GetUtcNow()) : signature);
        return api.Client.SendAsync(request);
    }

    /// <summary>Delivers an event built from its parts and checks it was accepted; returns the event id.</summary>
    public static async Task<string> DeliverEventAsync(this TestApi api, string type, DateTimeOffset created, object dataObject, string? id = null)
    {
        id ??= StripePayloads.NewEventId();
        var response = await api.DeliverAsync(StripePayloads.Event(id, type, created, dataObject));
        Assert.True(response.IsSuccessStatusCode, $"{type} was refused: {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>Processes every due event, as <c>timetracker events process</c> does.</summary>
    public static Task<ProcessingResult> ProcessAsync(this TestApi api) =>
        api.Services.GetRequiredService<StripeEventProcessor>().DrainAsync(CancellationToken.None);

    /// <summary>An organization with one owner (made in SQL: billing tests need no sign-in), linked to <paramref name="customer"/> when given.</summary>
    public static async Task<(long Id, string OwnerEmail)> OrganizationAsync(this TestApi api, string name, string? customer = null)
    {
        var owner = $"owner-{Guid.NewGuid():N}@example.test";
        var now = api.Time.GetUtcNow();
        var session = await api.Services.GetRequiredService<AppDatabase>().OpenSessionAsync(CancellationToken.None);
        await using (session)
        {
            var userId = Convert.ToInt64(await session.ScalarAsync(
                "INSERT INTO users (email, name, created_at, updated_at) VALUES (@email, @name, @now, @now) RETURNING id",
                CancellationToken.None, ("email", owner), ("name", "Owner of " + name), ("now", now)), CultureInfo.InvariantCulture);
            var orgId = Convert.ToInt64(await session.ScalarAsync(
                "INSERT INTO organizations (name, slug, stripe_customer_id, created_at, updated_at) VALUES (@name, @slug, @customer, @now, @now) RETURNING id",
                CancellationToken.None, ("name", name), ("slug", "org-" + Guid.NewGuid().ToString("N")[..12]), ("customer", customer), ("now", now)), CultureInfo.InvariantCulture);
            await session.ExecuteAsync("INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES (@org, @user, 'owner', @now)",
                CancellationToken.None, ("org", orgId), ("user", userId), ("now", now));
            return (orgId, owner);
        }
    }

    /// <summary>A text or number column of an organization ("" for null).</summary>
    public static async Task<string> ColumnAsync(this TestApi api, long organizationId, string column) =>
        (await api.SqlAsync($"SELECT COALESCE(CAST({column} AS TEXT), '') FROM organizations WHERE id = {organizationId}")).Single();

    /// <summary>A timestamp column of an organization.</summary>
    public static async Task<DateTimeOffset?> InstantAsync(this TestApi api, long organizationId, string column)
    {
        var session = await api.Services.GetRequiredService<AppDatabase>().OpenSessionAsync(CancellationToken.None);
        await using (session)
            return await session.QuerySingleOrDefaultAsync($"SELECT {column} FROM organizations WHERE id = @id", r => r.InstantOrNull(column), CancellationToken.None, ("id", organizationId));
    }

    /// <summary>The stored event's columns as text: status, attempts, last error.</summary>
    public static async Task<(string Status, int Attempts, string Error)> EventStateAsync(this TestApi api, string stripeEventId)
    {
        var row = (await api.SqlAsync($"SELECT status || '|' || attempts || '|' || COALESCE(last_error, '') FROM subscription_events WHERE stripe_event_id = '{stripeEventId}'")).Single();
        var parts = row.Split('|', 3);
        return (parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
    }
}
