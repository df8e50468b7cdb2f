using System.Globalization;
using System.Text;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// A summary as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line
/// break), one line per group and a last line of totals. Names that a spreadsheet would run as a formula (starting
/// with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) are prefixed with an apostrophe, as OWASP advises.
/// </summary>
internal static class SummaryCsv
{
    /// <summary>The media type.</summary>
    public const string MediaType = "text/csv";

    /// <summary>The CSV text of <paramref name="summary"/>.</summary>
    public static string Write(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var csv = new StringBuilder();
        Line(csv, summary.GroupBy, "name", "total_seconds", "total_hours", "billable_seconds", "billable_hours", "billable_amount");
        foreach (var group in summary.Groups)
            Line(csv, group.Key ?? "", group.Name, Number(group.TotalSeconds), Number(group.TotalHours), Number(group.BillableSeconds),
                Number(group.BillableHours), Number(group.BillableAmount));
        var totals = summary.Totals;
        Line(csv, "", "Total", Number(totals.TotalSeconds), Number(totals.TotalHours), Number(totals.BillableSeconds), Number(totals.BillableHours),
            Number(totals.BillableAmount));
        return csv.ToString();
    }

    /// <summary>The download name: <c>summary-2026-11-01-2026-11-30-project.csv</c>.</summary>
    public static string FileName(Summary summary) =>
        string.Create(CultureInfo.InvariantCulture, $"summary-{summary.From:yyyy-MM-dd}-{summary.To:yyyy-MM-dd}-{summary.GroupBy}.csv");

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, params string[] fields) =>
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
