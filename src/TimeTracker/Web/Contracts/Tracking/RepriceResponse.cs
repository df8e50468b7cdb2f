using TimeTracker.Tracking.Rates;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// What a re-pricing did (<c>applied</c>) or would do (a dry run): of the <c>entries</c> of the range it may re-price,
/// <c>changed</c> get another rate, and their billable amount goes from <c>amountBefore</c> to <c>amountAfter</c>.
/// <c>invoiced</c> entries of the range are on an invoice and are never re-priced.
/// </summary>
internal sealed record RepriceResponse(
    DateOnly From, DateOnly To, int Entries, int Changed, int Invoiced, decimal AmountBefore, decimal AmountAfter, bool Applied)
{
    /// <summary>The response describing <paramref name="result"/>.</summary>
    public static RepriceResponse Of(RepricingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.From, result.To, result.Entries, result.Changed, result.Invoiced, result.AmountBefore, result.AmountAfter, result.Applied);
    }
}
