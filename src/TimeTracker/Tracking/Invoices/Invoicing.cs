using System.Globalization;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Invoices;

/// <summary>
/// Invoices of an organization (admins and owners). A draft bills a client's uninvoiced, billable, finished entries
/// of a date range, one line per project and rate (the rate fixed on each entry), and locks them; issuing, paying and voiding move it on, and
/// voiding unlocks its entries. Numbers (<c>INV-00001</c>, …) are sequential per organization.
/// </summary>
internal sealed class Invoicing(AppDatabase database, TimeProvider time)
{
    /// <summary>Days from issue to due date unless the issuer says otherwise.</summary>
    public const int DefaultPaymentDays = 30;

    private const string Columns =
        "i.id, i.number, i.client_id, c.name AS client_name, c.email AS client_email, i.status, i.period_start, i.period_end, i.issued_on, " +
        "i.due_on, i.total, i.currency, " +
        "(SELECT COUNT(*) FROM time_entries e WHERE e.invoice_id = i.id) AS entry_count, i.created_at, i.paid_at, i.voided_at";

    private const string Tables = "invoices i JOIN clients c ON c.id = i.client_id";

    /// <summary>Drafts an invoice for a client's uninvoiced billable time from one day to another, locking those entries.</summary>
    public async Task<Invoice> CreateAsync(
        long userId, long organizationId, NewInvoice request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        if (request.ClientId is null)
            validation.Add("clientId", "'clientId' is required: the client to bill.");
        var currency = (request.Currency ?? "USD").Trim().ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
            validation.Add("currency", $"'currency' must be an ISO 4217 code of three letters such as EUR; '{request.Currency}' is not.");

        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("create invoices");
            var calendar = await LocalCalendar.OfUserAsync(session, userId, cancellationToken);
            var range = TimeRange.Parse(validation, request.From, request.To, calendar, datesOnly: true);
            validation.ThrowIfInvalid();
            var clientId = request.ClientId!.Value;
            if (await session.ScalarAsync("SELECT name FROM clients WHERE id = @id AND organization_id = @org", cancellationToken,
                    ("id", clientId), ("org", organizationId)) is not string clientName)
                throw new ValidationException("clientId", $"No client {clientId} in organization {organizationId}.");

            var now = time.GetUtcNow();
            var number = await NextNumberAsync(session, organizationId, cancellationToken);
            var (first, last) = range!.Days!.Value;
            var id = Convert.ToInt64(await session.ScalarAsync(
                "INSERT INTO invoices (organization_id, client_id, number, status, total, currency, period_start, period_end, created_at) " +
                "VALUES (@org, @client, @number, @status, @total, @currency, @first, @last, @now) RETURNING id",
                cancellationToken, ("org", organizationId), ("client", clientId), ("number", number), ("status", InvoiceStatus.Draft), ("total", 0m),
                ("currency", currency), ("first", first), ("last", last), ("now", now)), CultureInfo.InvariantCulture);

            // The entries are taken by a conditional update, so two drafts at once cannot bill the same entry.
            var locked = await session.ExecuteAsync(
                "UPDATE time_entries SET invoice_id = @invoice, locked_at = @now WHERE organization_id = @org AND invoice_id IS NULL AND locked_at " +
                "IS NULL " +
                "AND billable = @billable AND duration_seconds IS NOT NULL AND started_at >= @from AND started_at < @to " +
                "AND project_id IN (SELECT p.id FROM projects p WHERE p.client_id = @client AND p.organization_id = @org)",
                cancellationToken, ("invoice", id), ("now", now), ("org", organizationId), ("billable", true), ("from", range.Start),
                    ("to", range.End),
                ("client", clientId));
            if (locked == 0)
                throw new UnprocessableException("Nothing to invoice",
                    $"Client {clientId} ({clientName}) has no uninvoiced billable time from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}; " +
                    $"nothing was created.");

            var lines = await session.QueryAsync(
                "SELECT e.project_id, p.name, e.hourly_rate AS rate, SUM(e.duration_seconds) AS seconds " +
                "FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE e.invoice_id = @invoice GROUP " +
                "BY 1, 2, 3 ORDER BY 2, 3",
                r => (Project: r.Int64("project_id"), Name: r.String("name"),
                    Rate: r.DecimalOrNull("rate") is { } rate ? Money.Round(rate) : (decimal?)null, Seconds: r.Int64("seconds")),
                cancellationToken, ("invoice", id));
            if (lines.FirstOrDefault(l => l.Rate is null) is { Name: not null } unrated)
                throw new UnprocessableException("No rate to bill at",
                    $"{Money.Hours(unrated.Seconds).ToString("0.00", CultureInfo.InvariantCulture)} hours on project {unrated.Project} " +
                    $"({unrated.Name}) have no rate: none was in effect for them when they were recorded. " +
                    "Set a rate (POST /rates), re-price those days (POST /rates/reprice) and try again; nothing was created.");

            var total = 0m;
            foreach (var line in lines)
            {
                var quantity = Money.Hours(line.Seconds);
                var amount = Money.Round(quantity * line.Rate!.Value);
                total += amount;
                await session.ExecuteAsync(
                    "INSERT INTO invoice_items (invoice_id, project_id, description, quantity, unit_price, amount) VALUES (@invoice, @project, " +
                    "@description, @quantity, @price, @amount)",
                    cancellationToken, ("invoice", id), ("project", line.Project), ("description", line.Name), ("quantity", quantity),
                        ("price", line.Rate.Value), ("amount", amount));
            }
            await session.ExecuteAsync("UPDATE invoices SET total = @total WHERE id = @id", cancellationToken, ("total", total), ("id", id));
            var invoice = await FindAsync(session, organizationId, id, cancellationToken);
            return invoice;
        }, cancellationToken);
    }

    /// <summary>A page of the organization's invoices, newest (highest id) first, each with its lines; optionally of one status.</summary>
    public async Task<Page<Invoice>> ListAsync(
        long userId, long organizationId, string? status, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("see invoices");
            var wanted = status is null ? null
                : InvoiceStatus.All.FirstOrDefault(s => string.Equals(s, status.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ValidationException("status", $"'status' must be one of {string.Join(", ", InvoiceStatus.All)}; '{status}' is not.");
            var filter = wanted is null ? "" : " AND i.status = @status";
            var after = page.After is null ? "" : " AND i.id < @afterId";
            var rows = await session.QueryAsync(
                $"SELECT {Columns} FROM {Tables} WHERE i.organization_id = @org{filter}{after} ORDER BY i.id DESC LIMIT @limit",
                Read, cancellationToken, [("org", organizationId), ("status", wanted), .. page.Parameters]);
            var invoices = page.PageOf(rows, i => new PageCursor(0, i.Id, null));
            if (invoices.Items.Count == 0)
                return invoices;
            // The page's invoices are exactly those of the filter from its last id to its first.
            var items = (await session.QueryAsync(
                "SELECT t.invoice_id, t.id, t.project_id, t.description, t.quantity, t.unit_price, t.amount FROM invoice_items t JOIN invoices i " +
                "ON i.id = t.invoice_id " +
                $"WHERE i.organization_id = @org{filter} AND i.id BETWEEN @lowest AND @highest ORDER BY t.id",
                r => (Invoice: r.Int64("invoice_id"), Item: ReadItem(r)), cancellationToken,
                ("org", organizationId), ("status", wanted), ("lowest", invoices.Items[^1].Id), ("highest", invoices.Items[0].Id)))
                .ToLookup(i => i.Invoice, i => i.Item);
            return invoices with { Items = [.. invoices.Items.Select(i => i with { Items = [.. items[i.Id]] })] };
        }, cancellationToken);
    }

    /// <summary>One invoice of the organization.</summary>
    public async Task<Invoice> GetAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("see invoices");
            return await FindAsync(session, organizationId, id, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Issues a draft: dated today (or as given) and due 30 days later (or as given).</summary>
    public async Task<Invoice> IssueAsync(
        long userId, long organizationId, long id, InvoiceIssue request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var issuedOn = Date(validation, "issuedOn", request.IssuedOn);
        var dueOn = Date(validation, "dueOn", request.DueOn);
        validation.ThrowIfInvalid();
        return await MoveAsync(userId, organizationId, id, [InvoiceStatus.Draft], InvoiceStatus.Issued, "issued", async (session, calendar, now) =>
        {
            var issued = issuedOn ?? calendar.DayOf(now);
            var due = dueOn ?? issued.AddDays(DefaultPaymentDays);
            if (due < issued)
                throw new ValidationException("dueOn", $"'dueOn' ({due:yyyy-MM-dd}) must not be before the issue date ({issued:yyyy-MM-dd}).");
            await session.ExecuteAsync("UPDATE invoices SET issued_on = @issued, due_on = @due WHERE id = @id", cancellationToken,
                ("issued", issued), ("due", due), ("id", id));
        }, cancellationToken);
    }

    /// <summary>Marks an issued invoice paid.</summary>
    public Task<Invoice> PayAsync(long userId, long organizationId, long id, CancellationToken cancellationToken) =>
        MoveAsync(userId, organizationId, id, [InvoiceStatus.Issued], InvoiceStatus.Paid, "marked paid", (session, _, now) =>
            session.ExecuteAsync("UPDATE invoices SET paid_at = @now WHERE id = @id", cancellationToken, ("now", now), ("id", id)),
                cancellationToken);

    /// <summary>Voids a draft or issued invoice and unlocks its entries; it keeps its number.</summary>
    public Task<Invoice> VoidAsync(long userId, long organizationId, long id, CancellationToken cancellationToken) =>
        MoveAsync(userId, organizationId, id, [InvoiceStatus.Draft, InvoiceStatus.Issued], InvoiceStatus.Void, "voided", async (session, _, now) =>
        {
            await session.ExecuteAsync("UPDATE invoices SET voided_at = @now WHERE id = @id", cancellationToken, ("now", now), ("id", id));
            await session.ExecuteAsync(
                "UPDATE time_entries SET invoice_id = NULL, locked_at = NULL WHERE invoice_id = @id", cancellationToken, ("id", id));
        }, cancellationToken);

    // Moves an invoice from one of the statuses in `from` to `to`: a conditional update, so concurrent moves cannot both win.
    private async Task<Invoice> MoveAsync(long userId, long organizationId, long id, string[] from, string to, string verb,
        Func<DbSession, LocalCalendar, DateTimeOffset, Task> also, CancellationToken cancellationToken)
    {
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("change invoices");
            var current = await FindAsync(session, organizationId, id, cancellationToken);
            var moved = await session.ExecuteAsync(
                $"UPDATE invoices SET status = @to WHERE id = @id AND organization_id = @org AND status " +
                $"IN ({string.Join(", ", from.Select((_, i) => $"@from{i}"))})",
                cancellationToken, [("to", to), ("id", id), ("org", organizationId), .. from.Select((s, i) => ($"from{i}", (object?)s))]);
            if (moved == 0)
                throw new ConflictException("Invoice cannot move",
                    $"Invoice {current.Number} is {current.Status}; only {string.Join(" or ", from)} invoices can be {verb}.");
            var calendar = await LocalCalendar.OfUserAsync(session, userId, cancellationToken);
            await also(session, calendar, time.GetUtcNow());
            var invoice = await FindAsync(session, organizationId, id, cancellationToken);
            return invoice;
        }, cancellationToken);
    }

    // The next number of the organization: its counter moves on (and its row stays locked until commit, so numbers
    // are given out one at a time); numbers already taken (imported invoices) are skipped.
    private static async Task<string> NextNumberAsync(DbSession session, long organizationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sequence = Convert.ToInt64(await session.ScalarAsync(
                "UPDATE organizations SET invoice_sequence = invoice_sequence + 1 WHERE id = @org RETURNING invoice_sequence",
                cancellationToken, ("org", organizationId)), CultureInfo.InvariantCulture);
            var number = string.Create(CultureInfo.InvariantCulture, $"INV-{sequence:D5}");
            if (await session.ScalarAsync("SELECT 1 FROM invoices WHERE organization_id = @org AND number = @number",
                    cancellationToken, ("org", organizationId), ("number", number)) is null)
                return number;
        }
    }

    private static async Task<Invoice> FindAsync(DbSession session, long organizationId, long id, CancellationToken cancellationToken)
    {
        var invoice = await session.QuerySingleOrDefaultAsync($"SELECT {Columns} FROM {Tables} WHERE i.id = @id AND i.organization_id = @org",
            Read, cancellationToken, ("id", id), ("org", organizationId))
            ?? throw new NotFoundException("Invoice", id, $"No invoice {id} in organization {organizationId}.");
        var items = await session.QueryAsync(
            "SELECT t.id, t.project_id, t.description, t.quantity, t.unit_price, t.amount FROM invoice_items t WHERE t.invoice_id = @id " +
            "ORDER BY t.id",
            ReadItem, cancellationToken, ("id", id));
        return invoice with { Items = items };
    }

    private static DateOnly? Date(RequestValidation validation, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        validation.Add(field, $"'{field}' must be a date such as 2026-11-30; '{text}' is not.");
        return null;
    }

    private static Invoice Read(DbRow r) =>
        new(r.Int64("id"), r.String("number"), r.Int64("client_id"), r.String("client_name"), r.StringOrNull("client_email"), r.String("status"),
            r.DateOrNull("period_start"), r.DateOrNull("period_end"), r.DateOrNull("issued_on"), r.DateOrNull("due_on"),
            Money.Round(r.Decimal("total")), r.String("currency"), r.Count("entry_count"), [],
            r.Instant("created_at"), r.InstantOrNull("paid_at"), r.InstantOrNull("voided_at"));

    private static InvoiceItem ReadItem(DbRow r) =>
        new(r.Int64("id"), r.Int64OrNull("project_id"), r.String("description"),
            Money.Round(r.Decimal("quantity")), Money.Round(r.Decimal("unit_price")), Money.Round(r.Decimal("amount")));
}
