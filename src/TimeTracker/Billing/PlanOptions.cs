namespace TimeTracker.Billing;

/// <summary>One entry of <c>Billing:Plans</c>: what owners read about a Stripe price on the billing page.</summary>
internal sealed class PlanOptions
{
    /// <summary>The plan's name, e.g. <c>Team (monthly)</c>.</summary>
    public string? Name { get; set; }

    /// <summary>What one seat costs per <see cref="Interval"/>, in <see cref="Currency"/> (e.g. <c>8.00</c>).</summary>
    public decimal? Amount { get; set; }

    /// <summary>The ISO 4217 code of <see cref="Amount"/>, e.g. <c>EUR</c>.</summary>
    public string? Currency { get; set; }

    /// <summary>How often Stripe bills: <c>month</c> or <c>year</c>.</summary>
    public string? Interval { get; set; }
}
