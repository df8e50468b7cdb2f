using TimeTracker.Amounts;
using TimeTracker.Database;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// What a summary adds up for a set of finished entries, as the daily totals of revision 031 hold it: the entries and
/// their seconds, of which billable, billable without a rate, and the billable seconds times each entry's fixed hourly
/// rate in cents. All integers, so that summing them is exact on both databases and in any order.
/// </summary>
internal readonly record struct ReportSums(
    long Entries, long Seconds, long BillableEntries, long BillableSeconds, long UnratedSeconds, long CentSeconds)
{
    /// <summary>The columns, in the order of the totals tables and of <see cref="Read"/>.</summary>
    private static readonly string[] Columns = ["entries", "seconds", "billable_entries", "billable_seconds", "unrated_seconds", "cent_seconds"];

    /// <summary>The sums as SQL over the entries <c>e</c> of a <c>GROUP BY</c>, named as <see cref="Read"/> reads them.</summary>
    public static string OfEntries { get; } = string.Join(", ", PartsOf("e").Select((part, i) => $"CAST(SUM({part}) AS BIGINT) AS {Columns[i]}"));

    /// <summary>One entry <c>e</c>'s part of each sum, named as <see cref="Read"/> reads them.</summary>
    public static string OfOneEntry { get; } = string.Join(", ", PartsOf("e").Select((part, i) => $"{part} AS {Columns[i]}"));

    /// <summary>The sums of rows <c>d</c> of a daily totals table in a <c>GROUP BY</c>, named as <see cref="Read"/> reads them.</summary>
    public static string OfTotals { get; } = string.Join(", ", Columns.Select(c => $"CAST(SUM(d.{c}) AS BIGINT) AS {c}"));

    /// <summary>The billable amount: the cent-seconds in currency, rounded to cents once.</summary>
    public decimal Amount => Money.Round(CentSeconds / 360_000m);

    /// <summary>The sums as a query's row holds them.</summary>
    public static ReportSums Read(DbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Int64("entries"), row.Int64("seconds"), row.Int64("billable_entries"), row.Int64("billable_seconds"),
            row.Int64("unrated_seconds"), row.Int64("cent_seconds"));
    }

    /// <summary>The part of these sums that <paramref name="billable"/> lets through (all of it when null).</summary>
    public ReportSums Only(bool? billable) => billable switch
    {
        null => this,
        true => new(BillableEntries, BillableSeconds, BillableEntries, BillableSeconds, UnratedSeconds, CentSeconds),
        false => new(Entries - BillableEntries, Seconds - BillableSeconds, 0, 0, 0, 0),
    };

    /// <summary>The sums of both.</summary>
    public static ReportSums operator +(ReportSums a, ReportSums b) => new(a.Entries + b.Entries, a.Seconds + b.Seconds,
        a.BillableEntries + b.BillableEntries, a.BillableSeconds + b.BillableSeconds, a.UnratedSeconds + b.UnratedSeconds,
        a.CentSeconds + b.CentSeconds);

    /// <summary>The sums with every count taken away instead of added.</summary>
    public static ReportSums operator -(ReportSums a) =>
        new(-a.Entries, -a.Seconds, -a.BillableEntries, -a.BillableSeconds, -a.UnratedSeconds, -a.CentSeconds);

    // Revision 031's triggers sum the same parts, so that totals and entries agree to the cent.
    private static string[] PartsOf(string e) =>
    [
        "1",
        $"{e}.duration_seconds",
        $"CASE WHEN {e}.billable THEN 1 ELSE 0 END",
        $"CASE WHEN {e}.billable THEN {e}.duration_seconds ELSE 0 END",
        $"CASE WHEN {e}.billable AND {e}.hourly_rate IS NULL THEN {e}.duration_seconds ELSE 0 END",
        $"CASE WHEN {e}.billable AND {e}.hourly_rate IS NOT NULL THEN {e}.duration_seconds * CAST(ROUND({e}.hourly_rate * 100) AS BIGINT) ELSE 0 END",
    ];
}
