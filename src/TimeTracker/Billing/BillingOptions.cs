namespace TimeTracker.Billing;

/// <summary>The <c>Billing</c> configuration section: what Checkout may sell, and how stored Stripe events are processed and retried.</summary>
internal sealed class BillingOptions
{
    /// <summary>
    /// The Stripe price ids (<c>price_…</c>) an owner may start a Checkout with: the allow-list, so that no request
    /// can name a price of its own. Empty: Checkout answers 503.
    /// </summary>
    public List<string> Prices { get; set; } = [];

    /// <summary>
    /// How the billing page describes each price, by price id (<c>Billing:Plans:price_…:Name</c>, <c>…:Amount</c>,
    /// <c>…:Currency</c>, <c>…:Interval</c>). Optional: a price without one is shown by its id. Only describes; what
    /// Stripe charges is the price's own.
    /// </summary>
    public Dictionary<string, PlanOptions> Plans { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The prices of <see cref="Prices"/> that are set, trimmed, each once, in their order.</summary>
    public IReadOnlyList<string> AllowedPrices() =>
        [.. Prices.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal)];

    /// <summary><paramref name="price"/> with what <see cref="Plans"/> says of it (only its id when nothing).</summary>
    public BillingPlan Describe(string price)
    {
        ArgumentNullException.ThrowIfNull(price);
        var plan = Plans.GetValueOrDefault(price);
        return new BillingPlan(
            price, NullIfBlank(plan?.Name), plan?.Amount, NullIfBlank(plan?.Currency)?.ToUpperInvariant(), NullIfBlank(plan?.Interval));
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Attempts after which a failing event stays <c>failed</c> for a person to look at.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The least time between two payment-problem emails to one organization's owners.</summary>
    public TimeSpan DunningInterval { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The wait after the first failed attempt; it doubles with each further one (with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// How long a worker owns the events it claimed. An event whose worker died is claimed again once this has
    /// passed; a worker slower than this loses the event and its work is rolled back.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Events claimed and processed in one transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Whether <c>serve</c> runs the processing worker (replicas that only receive can turn it off).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>
    /// Processing loops per replica. A loop waits on the database between statements, so on a machine with cores
    /// to spare a second one uses that time; on 2 cores one loop measured best (bench/README.md). Events of one
    /// organization still apply one at a time, in Stripe's order.
    /// </summary>
    public int Workers { get; set; } = 1;

    /// <summary>How often the worker looks for due events when nothing woke it (retries, other replicas' events).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
