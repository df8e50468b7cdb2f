namespace TimeTracker.Migrations;

/// <summary>What differs between the two databases' SQL for report totals: the UTC date of an instant column, and the
/// first day of its UTC month.</summary>
/// <param name="UtcDate">The UTC date of an instant, as SQL.</param>
/// <param name="UtcMonth">The first day of the instant's UTC month, as SQL.</param>
internal sealed record ReportTotalsDialect(Func<string, string> UtcDate, Func<string, string> UtcMonth);
