using System.Globalization;
using Microsoft.Extensions.Options;
using Stripe;
using TimeTracker.Errors;

namespace TimeTracker.Billing.Webhooks;

/// <summary>
/// Checks a webhook delivery's <c>Stripe-Signature</c> header per Stripe's scheme: <c>t=&lt;unix time&gt;</c> and one
/// or more <c>v1=&lt;hex HMAC-SHA256 of "t.body"&gt;</c>. Every configured secret is tried (secrets roll), and the signed
/// time must be within the tolerance of this server's clock, either way. Stripe.net computes the signatures; the
/// header is taken apart here first so that each refusal says exactly what was wrong.
/// </summary>
internal sealed class StripeSignatureVerifier(IOptions<StripeOptions> options, TimeProvider time)
{
    /// <summary>Returns when <paramref name="header"/> authenticates <paramref name="payload"/>; otherwise throws a 400 saying why.</summary>
    /// <exception cref="InvalidRequestException">A delivery that is not authentic.</exception>
    /// <exception cref="NotConfiguredException">No webhook secret is configured.</exception>
    public void Verify(string payload, string? header)
    {
        var secrets = options.Value.WebhookSecrets.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (secrets.Count == 0)
            throw new NotConfiguredException("Webhooks not configured",
                "This server has no Stripe webhook secret (Stripe:WebhookSecrets), so it cannot verify deliveries; nothing was stored. " +
                "Stripe retries later.");
        if (string.IsNullOrWhiteSpace(header))
            throw Rejected("The Stripe-Signature header is missing.");

        long? signedAt = null;
        var signatures = 0;
        foreach (var part in header.Split(','))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw Rejected($"The Stripe-Signature header is malformed: '{Shorten(part)}' is not a key=value pair.");
            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (key == "t")
            {
                if (signedAt is not null)
                    throw Rejected("The Stripe-Signature header has more than one timestamp (t=…).");
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                    throw Rejected($"The Stripe-Signature header's timestamp 't={Shorten(value)}' is not a Unix time in seconds.");
                signedAt = seconds;
            }
            else if (key == "v1")
            {
                signatures++;
            }
        }
        if (signedAt is null)
            throw Rejected("The Stripe-Signature header has no timestamp (t=…).");
        if (signatures == 0)
            throw Rejected("The Stripe-Signature header has no v1 signature.");

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var tolerance = (long)options.Value.SignatureTolerance.TotalSeconds;
        if (now - signedAt > tolerance)
            throw Rejected($"The delivery was signed {now - signedAt} s ago, more than the {tolerance} s tolerated: a replayed delivery, " +
                $"or this server's clock is wrong.");
        if (signedAt - now > tolerance)
            throw Rejected(
                $"The delivery is signed {signedAt - now} s in the future, more than the {tolerance} s tolerated: this server's clock is wrong.");

        foreach (var secret in secrets)
        {
            try
            {
                EventUtility.ValidateSignature(payload, header, secret, tolerance, now);
                return;
            }
            catch (StripeException)
            {
                // Not this secret; the next one may be the new secret of a roll.
            }
        }
        throw Rejected(
            $"None of the header's {signatures} v1 signature(s) matches the body under the configured webhook secrets: " +
            "the body was altered, or Stripe:WebhookSecrets does not hold this endpoint's signing secret.");
    }

    private static InvalidRequestException Rejected(string detail) => new("Invalid Stripe signature", detail + " Nothing was stored.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
