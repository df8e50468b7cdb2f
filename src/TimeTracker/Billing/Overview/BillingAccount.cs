using Microsoft.Extensions.Options;
using TimeTracker.Database;
using TimeTracker.Organizations;

namespace TimeTracker.Billing.Overview;

/// <summary>
/// The billing page's view of an organization (owners only): the billing columns the Stripe events maintain, the
/// seats, and the prices on offer. Read in one session with three bounded statements.
/// </summary>
internal sealed class BillingAccount(AppDatabase database, IOptions<BillingOptions> billing, TimeProvider time)
{
    /// <summary><paramref name="organizationId"/>'s billing; 403 for admins and members, 404 outside the caller's organizations.</summary>
    public async Task<BillingOverview> OverviewAsync(long userId, long organizationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var options = billing.Value;
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var membership = await OrganizationDirectory.MembershipAsync(session, userId, organizationId, cancellationToken);
            OrganizationDirectory.RequireOwner(membership, "see the billing of");
            var row = await session.QuerySingleOrDefaultAsync(
                "SELECT stripe_price_id, subscription_ends_at, next_billing_date, stripe_customer_id FROM organizations WHERE id = @org",
                r => (Price: r.StringOrNull("stripe_price_id"), EndsAt: r.InstantOrNull("subscription_ends_at"),
                    NextBilling: r.InstantOrNull("next_billing_date"), HasCustomer: !r.IsNull("stripe_customer_id")),
                cancellationToken, ("org", organizationId));
            var seats = await SeatCount.OfAsync(session, organizationId, membership.Seats, now, cancellationToken);
            return new BillingOverview(
                membership.SubscriptionStatus, row.Price is null ? null : options.Describe(row.Price), seats,
                membership.TrialEndsAt, row.NextBilling, row.EndsAt, row.HasCustomer, membership.BillingWarning(now), membership.IsReadOnly(now),
                [.. options.AllowedPrices().Select(options.Describe)]);
        }
    }
}
