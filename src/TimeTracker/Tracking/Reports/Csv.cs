using System.Globalization;
using System.Text;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// CSV as reports write it (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
/// line break). Text that a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
/// tab or carriage return, and not a number) is prefixed with an apostrophe, as OWASP advises.
/// </summary>
internal static class Csv
{
    /// <summary>The media type.</summary>
    public const string MediaType = "text/csv";

    /// <summary>One line of <paramref name="fields"/>, with its CRLF.</summary>
    public static string Line(params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new StringBuilder().AppendJoin(',', fields.Select(Field)).Append("\r\n").ToString();
    }

    /// <summary>A whole number as CSV writes it.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Hours or an amount as CSV writes them: two decimals and a dot.</summary>
    public static string Number(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
