using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Billing.Processing;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Organizations;
using TimeTracker.Site;
using TimeTracker.Validation;

namespace TimeTracker.Billing.Sessions;

/// <summary>
/// The Stripe sessions an owner starts: Checkout, to subscribe, and the Billing Portal, to manage the subscription.
/// The server starts every Checkout itself and records it, because a completed Checkout links an organization to a
/// Stripe customer: only a session recorded here for that organization may do so (see <see cref="OrganizationBilling"/>).
/// </summary>
internal sealed class BillingSessions(
    AppDatabase database, StripeApi stripe, IOptions<BillingOptions> billing, IOptions<SiteOptions> site, TimeProvider time,
        ILogger<BillingSessions> logger)
{
    /// <summary>Stripe's route that creates Checkout Sessions.</summary>
    public const string CheckoutPath = "/v1/checkout/sessions";

    /// <summary>Stripe's route that creates Billing Portal sessions.</summary>
    public const string PortalPath = "/v1/billing_portal/sessions";

    /// <summary>
    /// Starts a subscription Checkout for <paramref name="organizationId"/> (owners only): the chosen allowed price,
    /// one unit per seat the organization uses, the organization's customer when it has one.
    /// </summary>
    public async Task<StripeSession> CheckoutAsync(long userId, long organizationId, string? price, CancellationToken cancellationToken)
    {
        stripe.RequireConfigured();
        var allowed = billing.Value.AllowedPrices();
        if (allowed.Count == 0)
            throw new NotConfiguredException("Billing not configured",
                "This server sells no price: Billing:Prices is empty. Set the Stripe price ids owners may subscribe to, e.g. " +
                "Billing__Prices__0=price_… in the environment.");
        var chosen = string.IsNullOrWhiteSpace(price) && allowed.Count == 1 ? allowed[0] : price?.Trim();
        if (chosen is null || !allowed.Contains(chosen, StringComparer.Ordinal))
        {
            var validation = new RequestValidation();
            validation.Add("price", $"'price' must be one of the prices this server sells: {string.Join(", ", allowed)}" +
                (string.IsNullOrWhiteSpace(price) ? "." : $"; '{price}' is not."));
            validation.ThrowIfInvalid();
        }

        var now = time.GetUtcNow();
        string? customer;
        int seats;
        var db = await database.OpenSessionAsync(cancellationToken);
        await using (db)
        {
            var membership = await OrganizationDirectory.MembershipAsync(db, userId, organizationId, cancellationToken);
            OrganizationDirectory.RequireOwner(membership, "start a Checkout for");
            if (SubscriptionState.Of(membership.SubscriptionStatus) is { IsLive: true })
                throw new ConflictException("Already subscribed",
                    $"Organization {organizationId} has a {membership.SubscriptionStatus} subscription; a second Checkout would bill it twice. " +
                    $"Change the plan or the payment method in the billing portal (POST /api/v1/orgs/{organizationId}/billing/portal).");
            customer = await CustomerAsync(db, organizationId, cancellationToken);
            seats = Math.Max(1, await SeatCount.TakenAsync(db, organizationId, now, cancellationToken));
        }

        var organization = organizationId.ToString(CultureInfo.InvariantCulture);
        var billingPage = BillingPage(organizationId);
        List<KeyValuePair<string, string>> form =
        [
            new("mode", "subscription"),
            new("line_items[0][price]", chosen!),
            new("line_items[0][quantity]", seats.ToString(CultureInfo.InvariantCulture)),
            new("client_reference_id", organization),
            new("metadata[organization_id]", organization),
            // Stripe replaces {CHECKOUT_SESSION_ID} itself; the page can then ask the server how the session went.
            new("success_url", billingPage + "?checkout=success&session_id={CHECKOUT_SESSION_ID}"),
            new("cancel_url", billingPage + "?checkout=canceled"),
        ];
        // Without a customer, Checkout creates one; with one, the organization keeps its customer (and its history).
        if (customer is not null)
            form.Add(new("customer", customer));
        // No database connection is held while Stripe answers.
        var session = await stripe.CreateSessionAsync(CheckoutPath, form, cancellationToken);

        var recording = await database.OpenSessionAsync(CancellationToken.None);
        await using (recording)
        {
            // Recorded even when the caller has gone: the session exists at Stripe, and only a recorded one can complete.
            await recording.ExecuteAsync(
                "INSERT INTO billing_checkout_sessions (organization_id, stripe_session_id, price_id, quantity, created_by_id, created_at) " +
                "VALUES (@org, @session, @price, @quantity, @user, @now)",
                CancellationToken.None, ("org", organizationId), ("session", session.Id), ("price", chosen), ("quantity", seats), ("user", userId),
                    ("now", time.GetUtcNow()));
        }
        Log.CheckoutStarted(logger, session.Id, organizationId, userId, chosen!, seats, session.RequestId ?? "(none)");
        return session;
    }

    /// <summary>Opens the Stripe Billing Portal for <paramref name="organizationId"/>'s customer (owners only); 409
    /// before the first Checkout linked one.</summary>
    public async Task<StripeSession> PortalAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        stripe.RequireConfigured();
        string customer;
        var db = await database.OpenSessionAsync(cancellationToken);
        await using (db)
        {
            var membership = await OrganizationDirectory.MembershipAsync(db, userId, organizationId, cancellationToken);
            OrganizationDirectory.RequireOwner(membership, "manage the billing of");
            customer = await CustomerAsync(db, organizationId, cancellationToken)
                ?? throw new ConflictException("No Stripe customer yet",
                    $"Organization {organizationId} has no Stripe customer yet, so there is no billing to manage. " +
                    $"Subscribe first with POST /api/v1/orgs/{organizationId}/billing/checkout; " +
                    "the customer is linked when that Checkout completes.");
        }
        var session = await stripe.CreateSessionAsync(
            PortalPath, [new("customer", customer), new("return_url", BillingPage(organizationId))], cancellationToken);
        Log.PortalOpened(logger, session.Id, organizationId, userId, session.RequestId ?? "(none)");
        return session;
    }

    private static async Task<string?> CustomerAsync(DbSession db, long organizationId, CancellationToken cancellationToken) =>
        await db.ScalarAsync("SELECT stripe_customer_id FROM organizations WHERE id = @org", cancellationToken, ("org", organizationId)) as string;

    private string BillingPage(long organizationId) =>
        string.Create(CultureInfo.InvariantCulture, $"{site.Value.BaseUrl}/orgs/{organizationId}/billing");
}
