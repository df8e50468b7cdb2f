namespace TimeTracker.Tracking.Rates;

/// <summary>
/// What a re-pricing did (or, on a dry run, would do): of the <c>Entries</c> it could re-price, <c>Changed</c> got
/// another rate; their billable amount goes from <c>AmountBefore</c> to <c>AmountAfter</c> (finished entries, rounded to
/// cents once). <c>Invoiced</c> entries of the range are on an invoice and were left as they are.
/// </summary>
internal sealed record RepricingResult(
    DateOnly From, DateOnly To, int Entries, int Changed, int Invoiced, decimal AmountBefore, decimal AmountAfter, bool Applied);
