using System.Globalization;
using System.Text;
using static TimeTracker.Tracking.Reports.Csv;

namespace TimeTracker.Tracking.Reports;

/// <summary>A summary as CSV (<see cref="Csv"/>), one line per group and a last line of totals.</summary>
internal static class SummaryCsv
{
    /// <summary>The CSV text of <paramref name="summary"/>.</summary>
    public static string Write(Summary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var csv = new StringBuilder();
        csv.Append(Line(summary.GroupBy, "name", "total_seconds", "total_hours", "billable_seconds", "billable_hours", "billable_amount"));
        foreach (var group in summary.Groups)
            csv.Append(Line(group.Key ?? "", group.Name, Number(group.TotalSeconds), Number(group.TotalHours), Number(group.BillableSeconds),
                Number(group.BillableHours), Number(group.BillableAmount)));
        var totals = summary.Totals;
        csv.Append(Line("", "Total", Number(totals.TotalSeconds), Number(totals.TotalHours), Number(totals.BillableSeconds),
            Number(totals.BillableHours), Number(totals.BillableAmount)));
        return csv.ToString();
    }

    /// <summary>The download name: <c>summary-2026-11-01-2026-11-30-project.csv</c>.</summary>
    public static string FileName(Summary summary) =>
        string.Create(CultureInfo.InvariantCulture, $"summary-{summary.From:yyyy-MM-dd}-{summary.To:yyyy-MM-dd}-{summary.GroupBy}.csv");
}
