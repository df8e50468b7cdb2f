namespace TimeTracker.Billing;

/// <summary>The <c>Stripe</c> configuration section: how webhook deliveries are authenticated, and how the server calls Stripe's API.</summary>
internal sealed class StripeOptions
{
    /// <summary>The default <see cref="ApiBase"/>.</summary>
    public const string DefaultApiBase = "https://api.stripe.com";

    /// <summary>
    /// The secret API key (<c>sk_…</c> or a restricted <c>rk_…</c>) the server starts Checkout and Billing Portal
    /// sessions with. From the environment (<c>Stripe__SecretKey</c>), never from a file in the repository; without
    /// it those routes answer 503.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>Where Stripe's REST API is; tests point it at a local stand-in.</summary>
    public string ApiBase { get; set; } = DefaultApiBase;

    /// <summary>How long one call to Stripe's API may take, answer included, before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The signing secrets (<c>whsec_…</c>) of the webhook endpoint. Several may be active at once while a secret
    /// is rolled: a delivery is accepted when any of them produced one of its signatures.
    /// </summary>
    public List<string> WebhookSecrets { get; set; } = [];

    /// <summary>How far a delivery's signed timestamp may be from the server's clock, either way (Stripe's default is 300 s).</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>The largest webhook body accepted; Stripe's events are far smaller.</summary>
    public int MaxPayloadBytes { get; set; } = 512 * 1024;
}
