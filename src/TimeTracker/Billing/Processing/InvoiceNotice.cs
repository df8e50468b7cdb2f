using System.Globalization;

namespace TimeTracker.Billing.Processing;

/// <summary>What a payment-problem email says about the invoice: the amount due and where to pay it.</summary>
/// <param name="AmountDue">In the currency's smallest unit, as Stripe gives it.</param>
/// <param name="Currency">Stripe's lower-case ISO code.</param>
/// <param name="HostedInvoiceUrl">Stripe's page where the customer pays or confirms the invoice.</param>
internal sealed record InvoiceNotice(long? AmountDue, string? Currency, string? HostedInvoiceUrl)
{
    // Stripe's zero-decimal currencies: amounts are given in whole units.
    private static readonly HashSet<string> ZeroDecimal = new(StringComparer.OrdinalIgnoreCase)
        { "bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf" };

    /// <summary>The amount as people write it, e.g. <c>49.00 EUR</c>; null when the invoice gave none.</summary>
    public string? Amount => AmountDue is not { } minor || Currency is null ? null
        : ZeroDecimal.Contains(Currency)
            ? string.Create(CultureInfo.InvariantCulture, $"{minor} {Currency.ToUpperInvariant()}")
            : string.Create(CultureInfo.InvariantCulture, $"{minor / 100m:0.00} {Currency.ToUpperInvariant()}");
}
