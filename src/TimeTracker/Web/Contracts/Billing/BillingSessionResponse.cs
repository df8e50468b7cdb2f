using TimeTracker.Billing.Sessions;

namespace TimeTracker.Web.Contracts.Billing;

/// <summary>A Stripe session the server created for an owner: its id, and the Stripe page to send the browser to.</summary>
/// <param name="Id">Stripe's id: <c>cs_…</c> for Checkout, <c>bps_…</c> for the Billing Portal.</param>
/// <param name="Url">The Stripe-hosted page.</param>
internal sealed record BillingSessionResponse(string Id, string Url)
{
    /// <summary>The response describing <paramref name="session"/> (its Stripe request id stays in the log).</summary>
    public static BillingSessionResponse Of(StripeSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return new(session.Id, session.Url);
    }
}
