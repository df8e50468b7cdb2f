using Microsoft.Extensions.Logging;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Organizations;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Rates;

/// <summary>
/// Re-pricing (admins and owners): the explicit action that gives entries already recorded the rate in effect on their
/// day now (<see cref="RateBook"/>), over a range of days and optionally one project or member. It never touches an
/// entry on an invoice (draft, issued or paid: void the invoice first), so an invoice never changes. Each re-pricing
/// that changes anything is written to <c>audit_log</c> in its own transaction.
/// </summary>
internal sealed class Repricing(AppDatabase database, AuditLog audit, ILogger<Repricing> logger)
{
    // Entries read (and updated) at a time.
    private const int Batch = 500;

    /// <summary>Re-prices (or, on a dry run, counts) the entries <paramref name="request"/> names.</summary>
    public async Task<RepricingResult> RunAsync(long userId, long organizationId, NewRepricing request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validation = new RequestValidation();
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("re-price time entries");
            var calendar = await LocalCalendar.OfUserAsync(session, userId, cancellationToken);
            var range = TimeRange.Parse(validation, request.From, request.To, calendar, datesOnly: true);
            validation.ThrowIfInvalid();
            var book = new RateBook(await EntryRate.ChangesAsync(session, organizationId, null, null, cancellationToken));
            var people = new Dictionary<long, (LocalCalendar Calendar, decimal? OwnDefault)>();
            var moves = new Dictionary<decimal, List<long>>();
            var cleared = new List<long>();
            int entries = 0, changed = 0, invoiced = 0;
            decimal before = 0m, after = 0m;
            var filters = (request.ProjectId is null ? "" : " AND e.project_id = @project")
                + (request.UserId is null ? "" : " AND e.user_id = @user");
            for (long last = 0; ;)
            {
                var rows = await session.QueryAsync(
                    "SELECT e.id, e.user_id, e.project_id, e.started_at, e.hourly_rate, e.billable, e.duration_seconds, e.invoice_id, e.locked_at " +
                    "FROM time_entries e WHERE e.organization_id = @org AND e.started_at >= @from AND e.started_at < @to" +
                    $"{filters} AND e.id > @last " +
                    "ORDER BY e.id LIMIT @limit",
                    r => (Id: r.Int64("id"), UserId: r.Int64("user_id"), ProjectId: r.Int64OrNull("project_id"), StartedAt: r.Instant("started_at"),
                        Rate: r.DecimalOrNull("hourly_rate") is { } rate ? Money.Round(rate) : (decimal?)null, Billable: r.Boolean("billable"),
                        Seconds: r.Int64OrNull("duration_seconds"), Invoiced: r.Int64OrNull("invoice_id") is not null || !r.IsNull("locked_at")),
                    cancellationToken, ("org", organizationId), ("from", range!.Start), ("to", range.End), ("project", request.ProjectId),
                    ("user", request.UserId), ("last", last), ("limit", Batch));
                if (rows.Count == 0)
                    break;
                last = rows[^1].Id;
                await LoadPeopleAsync(session, people, rows.Select(e => e.UserId), cancellationToken);
                foreach (var e in rows)
                {
                    if (e.Invoiced)
                    {
                        invoiced++;
                        continue;
                    }
                    entries++;
                    var person = people[e.UserId];
                    var rate = book.RateOf(e.ProjectId, e.UserId, person.Calendar.DayOf(e.StartedAt), person.OwnDefault);
                    if (rate == e.Rate)
                        continue;
                    changed++;
                    if (e.Billable && e.Seconds is { } seconds)
                    {
                        before += e.Rate is { } old ? Money.For(seconds, old) : 0m;
                        after += rate is { } now ? Money.For(seconds, now) : 0m;
                    }
                    if (rate is { } value)
                        (moves.TryGetValue(value, out var ids) ? ids : moves[value] = []).Add(e.Id);
                    else
                        cleared.Add(e.Id);
                }
            }
            var (first, lastDay) = range!.Days!.Value;
            var result = new RepricingResult(first, lastDay, entries, changed, invoiced, Money.Round(before), Money.Round(after), !request.DryRun);
            if (request.DryRun || changed == 0)
                return result;

            foreach (var (rate, ids) in moves.Select(m => ((decimal?)m.Key, m.Value)).Append((null, cleared)))
                foreach (var chunk in ids.Chunk(Batch))
                    // Entries an invoice took meanwhile stay as they are.
                    await session.ExecuteAsync(
                        $"UPDATE time_entries SET hourly_rate = @rate WHERE id IN ({string.Join(", ", chunk.Select((_, i) => $"@e{i}"))}) " +
                        "AND invoice_id IS NULL AND locked_at IS NULL",
                        cancellationToken, [("rate", rate), .. chunk.Select((id, i) => ($"e{i}", (object?)id))]);
            await audit.RecordRepricingAsync(session, userId, new RepricingAuditDetails(organizationId, first, lastDay, request.ProjectId,
                request.UserId, changed, result.AmountBefore, result.AmountAfter), cancellationToken);
            Log.EntriesRepriced(logger, organizationId, userId, changed, first, lastDay);
            return result;
        }, cancellationToken);
    }

    // The time zone and own default rate of each member not read yet.
    private static async Task LoadPeopleAsync(DbSession session, Dictionary<long, (LocalCalendar, decimal?)> people, IEnumerable<long> userIds,
        CancellationToken cancellationToken)
    {
        var missing = userIds.Distinct().Where(id => !people.ContainsKey(id)).ToList();
        if (missing.Count == 0)
            return;
        var rows = await session.QueryAsync(
            $"SELECT id, timezone, default_hourly_rate FROM users WHERE id IN ({string.Join(", ", missing.Select((_, i) => $"@u{i}"))})",
            r => (Id: r.Int64("id"), Zone: r.StringOrNull("timezone"),
                OwnDefault: r.DecimalOrNull("default_hourly_rate") is { } rate ? Money.Round(rate) : (decimal?)null),
            cancellationToken, [.. missing.Select((id, i) => ($"u{i}", (object?)id))]);
        foreach (var row in rows)
            people[row.Id] = (LocalCalendar.Named(row.Zone), row.OwnDefault);
    }
}
