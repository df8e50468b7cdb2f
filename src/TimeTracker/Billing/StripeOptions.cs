namespace TimeTracker.Billing;

/// <summary>The <c>Stripe</c> configuration section: how webhook deliveries are authenticated.</summary>
internal sealed class StripeOptions
{
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
