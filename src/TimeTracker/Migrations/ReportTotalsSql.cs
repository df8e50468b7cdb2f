namespace TimeTracker.Migrations;

/// <summary>
/// The SQL that revisions 031 and 032 share to keep report totals: each entry's part of the six sums, the upsert that
/// adds a part to a row, and the UTC day or month of an instant on each database. An applied revision's SQL must never
/// change, so what is here only grows.
/// </summary>
internal static class ReportTotalsSql
{
    /// <summary>The sums every totals row holds, in this order everywhere.</summary>
    public static readonly string[] Sums = ["entries", "seconds", "billable_entries", "billable_seconds", "unrated_seconds", "cent_seconds"];

    /// <summary>SQLite stores instants as text with their offset; <c>date()</c> reads it in UTC. Text that is no instant
    /// (never written by TimeTracker) keeps its first ten characters, or its month's first day, rather than failing the
    /// write.</summary>
    public static readonly ReportTotalsDialect Sqlite = new(
        instant => $"COALESCE(date({instant}), substr({instant}, 1, 10))",
        instant => $"COALESCE(date({instant}, 'start of month'), substr({instant}, 1, 8) || '01')");

    /// <summary>PostgreSQL's instants are <c>timestamptz</c>.</summary>
    public static readonly ReportTotalsDialect Postgres = new(
        instant => $"CAST(({instant} AT TIME ZONE 'UTC') AS date)",
        instant => $"CAST(date_trunc('month', {instant} AT TIME ZONE 'UTC') AS date)");

    /// <summary>One entry's part of each sum, times <paramref name="sign"/> (an SQL expression: 1, -1 or a column), over
    /// the entry row <paramref name="e"/>.</summary>
    public static string[] PartsOf(string e, string sign) =>
    [
        sign,
        $"{sign} * {e}.duration_seconds",
        $"CASE WHEN {e}.billable THEN {sign} ELSE 0 END",
        $"CASE WHEN {e}.billable THEN {sign} * {e}.duration_seconds ELSE 0 END",
        $"CASE WHEN {e}.billable AND {e}.hourly_rate IS NULL THEN {sign} * {e}.duration_seconds ELSE 0 END",
        $"CASE WHEN {e}.billable AND {e}.hourly_rate IS NOT NULL " +
        $"THEN {sign} * {e}.duration_seconds * CAST(ROUND({e}.hourly_rate * 100) AS BIGINT) ELSE 0 END",
    ];

    /// <summary>The clause that adds an inserted row's sums to the row already at its key.</summary>
    public static string Upsert(string table, string keys) =>
        $" ON CONFLICT ({keys}) DO UPDATE SET " + string.Join(", ", Sums.Select(s => $"{s} = {table}.{s} + excluded.{s}"));

    /// <summary>A totals table's columns for an <c>INSERT</c>: its key columns, then the sums.</summary>
    public static string Columns(string keys) => $"({keys}, {string.Join(", ", Sums)})";

    /// <summary>The <c>SET</c> list that takes the entry row <paramref name="e"/> away from a row's sums.</summary>
    public static string Subtract(string e)
    {
        var parts = PartsOf(e, "-1");
        return string.Join(", ", Sums.Select((s, i) => $"{s} = {s} + {parts[i]}"));
    }
}
