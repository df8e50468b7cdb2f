using System.Globalization;
using static TimeTracker.Tracking.Reports.Csv;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// A detailed report as CSV (<see cref="Csv"/>): one line per entry, oldest first, and a last line of totals, written
/// as the entries are read so that a long report is never held whole.
/// </summary>
internal static class DetailedCsv
{
    /// <summary>Writes <paramref name="export"/> to <paramref name="writer"/>.</summary>
    public static async Task WriteAsync(TextWriter writer, DetailedExport export, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(export);
        await writer.WriteAsync(Line("date", "started_at", "ended_at", "user_id", "member", "client", "project", "task", "description", "tags",
            "billable", "duration_seconds", "hours", "rate", "amount"));
        long seconds = 0;
        var amount = 0m;
        await foreach (var e in export.Entries.WithCancellation(cancellationToken))
        {
            seconds += e.DurationSeconds;
            amount += e.Amount;
            await writer.WriteAsync(Line(Date(e.Date), Instant(e.StartedAt), Instant(e.EndedAt), Number(e.UserId), e.UserName, e.ClientName ?? "",
                e.ProjectName ?? "", e.TaskName ?? "", e.Description ?? "", string.Join("; ", e.Tags), e.Billable ? "true" : "false",
                Number(e.DurationSeconds), Number(e.Hours), e.Rate is { } rate ? Number(rate) : "", Number(e.Amount)));
        }
        await writer.WriteAsync(Line("Total", "", "", "", "", "", "", "", "", "", "", Number(seconds),
            Number(Amounts.Money.Hours(seconds)), "", Number(amount)));
    }

    /// <summary>The download name: <c>detailed-2026-11-01-2026-11-30.csv</c>.</summary>
    public static string FileName(DetailedExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        return string.Create(CultureInfo.InvariantCulture, $"detailed-{Date(export.From)}-{Date(export.To)}.csv");
    }

    private static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
