using System.Runtime.CompilerServices;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Paging;
using TimeTracker.Tracking.Entries;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// The entries a summary counts (<see cref="ReportScope"/>: the same range, filters and visibility), one by one, oldest
/// first (by start, then id), with what each comes to, a keyset page at a time.
/// </summary>
/// <remarks>
/// The summary rounds its total to cents once; rounding each entry alone would make the entries add up to a few cents
/// more or less. So each entry's amount is the list's exact running amount up to and including it, rounded to cents,
/// less the same up to the entry before: every amount is within a cent of the entry's own, and the amounts of the
/// whole list add up to the summary's total amount exactly. A page that starts at a cursor sums the exact amount of
/// the entries before it in the database (one aggregate, one row per rate); an export carries it from page to page.
/// </remarks>
internal sealed class DetailedReport(AppDatabase database)
{
    /// <summary>How many entries an export reads at a time.</summary>
    public const int ExportBatch = PageRequest.MaximumLimit;

    // Cent-seconds (seconds × rate in cents) in one unit of money.
    private const decimal CentSecondsPerUnit = 360_000m;

    // The rate billable time is billed at, as the summary reads it (SummaryReport): the one fixed on the entry.
    private const string Rate = "e.hourly_rate";

    private const string Joins = "JOIN users u ON u.id = e.user_id LEFT JOIN projects p ON p.id = e.project_id";

    /// <summary>A page of the report, or a 400 naming what was wrong.</summary>
    public async Task<DetailedPage> PageAsync(long userId, long organizationId, string? from, string? to, ReportFilterText filters, string? limit,
        string? cursor, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var filter = ReportFilter.Parse(validation, filters);
        var size = PageRequest.ParseLimit(validation, limit);
        var after = cursor is null ? null : EntryCursor.Parse(cursor);
        if (cursor is not null && after is null)
            validation.Add("cursor", "'cursor' is not one this list gave out; pass the nextCursor of the previous page unchanged, " +
                "or leave cursor out for the first page.");
        var (page, _) = await ReadAsync(userId, organizationId, validation, from, to, filter, size, after, null, cancellationToken);
        return page;
    }

    /// <summary>
    /// The whole report, for CSV: its first page is read here (so that bad input is a 400 before anything is sent),
    /// the rest as <see cref="DetailedExport.Entries"/> is enumerated.
    /// </summary>
    public async Task<DetailedExport> ExportAsync(long userId, long organizationId, string? from, string? to, ReportFilterText filters,
        CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var filter = ReportFilter.Parse(validation, filters);
        var (first, scope) = await ReadAsync(userId, organizationId, validation, from, to, filter, ExportBatch, null, 0m, cancellationToken);
        return new DetailedExport(scope.First, scope.Last, Rest(cancellationToken));

        async IAsyncEnumerable<DetailedEntry> Rest([EnumeratorCancellation] CancellationToken stopping)
        {
            for (var page = first; ; )
            {
                foreach (var entry in page.Items)
                    yield return entry;
                if (page.NextCursor is not { } next)
                    yield break;
                (page, _) = await ReadAsync(userId, organizationId, new RequestValidation(), from, to, filter, ExportBatch,
                    EntryCursor.Parse(next), page.Billed, stopping);
            }
        }
    }

    private async Task<(DetailedPage Page, ReportScope Scope)> ReadAsync(long userId, long organizationId, RequestValidation validation,
        string? from, string? to, ReportFilter filter, int limit, EntryCursor? after, decimal? billedBefore, CancellationToken cancellationToken)
    {
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            var scope = await ReportScope.OpenAsync(session, member, validation, from, to, filter, cancellationToken);
            var parameters = new List<(string, object?)>(scope.Parameters) { ("limit", limit + 1), ("yes", true) };
            var where = scope.Where;
            if (after is not null)
            {
                parameters.Add(("cursorStart", after.StartedAt));
                parameters.Add(("cursorId", after.Id));
            }
            var billed = billedBefore ?? (after is null ? 0m : await BilledUpToAsync(session, scope, parameters, cancellationToken));
            // The first condition alone bounds the index scan; the second breaks ties between equal starts.
            var page = after is null ? "" : " AND e.started_at >= @cursorStart AND (e.started_at > @cursorStart OR e.id > @cursorId)";
            var rows = await session.QueryAsync(
                "SELECT e.id, e.started_at, e.ended_at, e.user_id, u.name AS user_name, p.client_id, c.name AS client_name, e.project_id, " +
                "p.name AS project_name, e.task_id, k.name AS task_name, e.description, e.billable, e.duration_seconds, " +
                $"{Rate} AS rate FROM time_entries e {Joins} LEFT JOIN clients c ON c.id = p.client_id LEFT JOIN tasks k ON k.id = e.task_id " +
                $"WHERE {where}{page} ORDER BY e.started_at, e.id LIMIT @limit",
                r => (Id: r.Int64("id"), StartedAt: r.Instant("started_at"), EndedAt: r.Instant("ended_at"), UserId: r.Int64("user_id"),
                    UserName: r.String("user_name"), ClientId: r.Int64OrNull("client_id"), ClientName: r.StringOrNull("client_name"),
                    ProjectId: r.Int64OrNull("project_id"), ProjectName: r.StringOrNull("project_name"), TaskId: r.Int64OrNull("task_id"),
                    TaskName: r.StringOrNull("task_name"), Description: r.StringOrNull("description"), Billable: r.Boolean("billable"),
                    Seconds: r.Int64("duration_seconds"), Rate: r.DecimalOrNull("rate") is { } rate ? Money.Round(rate) : (decimal?)null),
                cancellationToken, [.. parameters]);
            var items = rows.Take(limit).ToList();
            var tags = await EntryTags.OfEntriesAsync(session, [.. items.Select(e => e.Id)], cancellationToken);
            var entries = new List<DetailedEntry>(items.Count);
            foreach (var e in items)
            {
                var before = Money.Round(billed / CentSecondsPerUnit);
                if (e.Billable && e.Rate is { } rate)
                    billed += e.Seconds * (rate * 100m);
                entries.Add(new DetailedEntry(e.Id, scope.Calendar.DayOf(e.StartedAt), e.StartedAt, e.EndedAt, e.UserId, e.UserName, e.ClientId,
                    e.ClientName, e.ProjectId, e.ProjectName, e.TaskId, e.TaskName, e.Description, [.. tags[e.Id]], e.Billable, e.Seconds,
                    Money.Hours(e.Seconds), e.Rate, Money.Round(billed / CentSecondsPerUnit) - before));
            }
            var next = rows.Count > limit ? new EntryCursor(items[^1].StartedAt, items[^1].Id).ToString() : null;
            return (new DetailedPage(entries, next, billed), scope);
        }, cancellationToken);
    }

    // The exact amount, in cent-seconds, of the billable entries of the scope up to and including the cursor's.
    private static async Task<decimal> BilledUpToAsync(
        DbSession session, ReportScope scope, List<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        var sums = await session.QueryAsync(
            $"SELECT {Rate} AS rate, SUM(e.duration_seconds) AS seconds FROM time_entries e WHERE {scope.Where} AND e.billable = @yes " +
            $"AND e.started_at <= @cursorStart AND (e.started_at < @cursorStart OR e.id <= @cursorId) GROUP BY {Rate}",
            r => (Rate: r.DecimalOrNull("rate"), Seconds: r.Int64("seconds")), cancellationToken, [.. parameters]);
        return sums.Where(s => s.Rate is not null).Sum(s => s.Seconds * (Money.Round(s.Rate!.Value) * 100m));
    }
}
