using TimeTracker.Billing;

namespace TimeTracker.Web.Contracts.Billing;

/// <summary>A Stripe price and how <c>Billing:Plans</c> describes it; the description is null when none is configured.</summary>
/// <param name="Price">The Stripe price id (<c>price_…</c>).</param>
/// <param name="Name">The plan's name, e.g. <c>Team (monthly)</c>.</param>
/// <param name="Amount">What one seat costs per <paramref name="Interval"/>, in <paramref name="Currency"/>.</param>
/// <param name="Currency">The ISO 4217 code of the amount, upper case, e.g. <c>EUR</c>.</param>
/// <param name="Interval">How often Stripe bills: <c>month</c> or <c>year</c>.</param>
internal sealed record BillingPlanResponse(string Price, string? Name, decimal? Amount, string? Currency, string? Interval)
{
    /// <summary>The response describing <paramref name="plan"/>.</summary>
    public static BillingPlanResponse Of(BillingPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new(plan.Price, plan.Name, plan.Amount, plan.Currency, plan.Interval);
    }
}
