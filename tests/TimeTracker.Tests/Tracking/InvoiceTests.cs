using System.Net;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary>Invoices over HTTP, on both dialects.</summary>
public sealed class InvoiceTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly DateTimeOffset November = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_draft_bills_the_clients_uninvoiced_billable_time_one_line_per_project_and_rate_and_locks_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, globex, entries) = await BillableMonthAsync(api);

        var created = await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-01", to = "2026-11-30", currency = "eur" }, team.Owner.Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invoice = await created.JsonAsync();
        Assert.Equal("INV-00001", invoice.GetProperty("number").GetString());
        Assert.Equal("draft", invoice.GetProperty("status").GetString());
        Assert.Equal("EUR", invoice.GetProperty("currency").GetString());
        Assert.Equal("2026-11-01", invoice.GetProperty("periodStart").GetString());
        Assert.Equal(
            ["Support|1.00|50.00|50.00", "Support|0.50|80.00|40.00", "Website|1.50|100.00|150.00"],
            invoice.GetProperty("items").EnumerateArray().Select(i =>
                $"{i.GetProperty("description").GetString()}|{i.GetProperty("quantity").GetDecimal():0.00}|{i.GetProperty("unitPrice").GetDecimal():0.00}|{i.GetProperty("amount").GetDecimal():0.00}"));
        Assert.Equal(240.00m, invoice.GetProperty("total").GetDecimal());
        Assert.Equal(4, invoice.GetProperty("entryCount").GetInt32());
        var id = invoice.GetProperty("id").GetInt64();
        Assert.Equal(entries.Billed.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await api.SqlAsync($"SELECT id FROM time_entries WHERE invoice_id = {id} AND locked_at IS NOT NULL ORDER BY id"));
        Assert.Equal(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE invoice_id IS NULL AND locked_at IS NOT NULL"));

        var edit = await api.PatchAsync(team.Path($"time-entries/{entries.Billed[0]}"), new { description = "too late" }, team.Member.Token);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        var again = await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-01", to = "2026-11-30" }, team.Owner.Token);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains($"Client {globex} (Globex) has no uninvoiced billable time from 2026-11-01 to 2026-11-30", await again.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["1"], await api.SqlAsync($"SELECT COUNT(*) FROM invoices WHERE organization_id = {team.OrgId}"));
        Assert.Equal(["1"], await api.SqlAsync($"SELECT invoice_sequence FROM organizations WHERE id = {team.OrgId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_invoice_is_issued_paid_or_voided_in_order_and_voiding_unlocks_its_entries_but_keeps_its_number(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, globex, entries) = await BillableMonthAsync(api);
        var first = await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-01", to = "2026-11-15" }, team.Owner.Token).IdAsync();
        var second = await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-16", to = "2026-11-30" }, team.Owner.Token).IdAsync();

        var issued = await (await api.PostAsync(team.Path($"invoices/{first}/issue"), null, team.Admin.Token)).JsonAsync();
        var today = DateOnly.FromDateTime(api.Time.GetUtcNow().UtcDateTime);
        Assert.Equal("issued", issued.GetProperty("status").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), issued.GetProperty("issuedOn").GetString());
        Assert.Equal(today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), issued.GetProperty("dueOn").GetString());
        var reissue = await api.PostAsync(team.Path($"invoices/{first}/issue"), null, team.Admin.Token);
        Assert.Equal(HttpStatusCode.Conflict, reissue.StatusCode);
        Assert.Contains("Invoice INV-00001 is issued; only draft invoices can be issued", await reissue.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync(team.Path($"invoices/{second}/pay"), null, team.Admin.Token)).StatusCode);

        var paid = await (await api.PostAsync(team.Path($"invoices/{first}/pay"), null, team.Admin.Token)).JsonAsync();
        Assert.Equal("paid", paid.GetProperty("status").GetString());
        Assert.Equal(api.Time.GetUtcNow(), paid.GetProperty("paidAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        var voidPaid = await api.PostAsync(team.Path($"invoices/{first}/void"), null, team.Admin.Token);
        Assert.Contains("Invoice INV-00001 is paid; only draft or issued invoices can be voided", await voidPaid.ProblemAsync(), StringComparison.Ordinal);

        var voided = await (await api.PostAsync(team.Path($"invoices/{second}/void"), null, team.Admin.Token)).JsonAsync();
        Assert.Equal("void", voided.GetProperty("status").GetString());
        Assert.Equal(0, voided.GetProperty("entryCount").GetInt32());
        Assert.Equal(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM time_entries WHERE locked_at IS NOT NULL AND invoice_id IS NULL"));
        var unlocked = entries.Billed[^1];
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync(team.Path($"time-entries/{unlocked}"), new { description = "fixed" }, team.Member.Token)).StatusCode);
        var third = await (await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-16", to = "2026-11-30" }, team.Owner.Token)).JsonAsync();
        Assert.Equal("INV-00003", third.GetProperty("number").GetString());
        var list = await (await api.GetAsync(team.Path("invoices"), team.Admin.Token)).JsonAsync();
        Assert.Equal(["INV-00003|draft", "INV-00002|void", "INV-00001|paid"],
            list.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("number").GetString()}|{i.GetProperty("status").GetString()}"));
        Assert.Equal(["INV-00002"], (await (await api.GetAsync(team.Path("invoices?status=Void"), team.Admin.Token)).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_invoice_names_its_client_as_the_client_is_now_alone_and_in_the_list(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, globex, _) = await BillableMonthAsync(api);
        await api.PatchAsync(team.Path($"clients/{globex}"), new { email = "billing@globex.test" }, team.Admin.Token);
        var id = await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-01", to = "2026-11-30" }, team.Owner.Token).IdAsync();
        var initech = await api.ClientAsync(team, "Initech");
        await api.EntryAsync(team, team.Member, November, 30, await api.ProjectAsync(team, "Printers", initech, 90m));
        await api.PostAsync(team.Path("invoices"), new { clientId = initech, from = "2026-11-01", to = "2026-11-30" }, team.Owner.Token).IdAsync();

        var invoice = await (await api.GetAsync(team.Path($"invoices/{id}"), team.Admin.Token)).JsonAsync();
        Assert.Equal("Globex", invoice.GetProperty("clientName").GetString());
        Assert.Equal("billing@globex.test", invoice.GetProperty("clientEmail").GetString());
        await api.PatchAsync(team.Path($"clients/{globex}"), new { name = "Globex Corporation" }, team.Admin.Token);
        var list = await (await api.GetAsync(team.Path("invoices"), team.Admin.Token)).JsonAsync();
        Assert.Equal(["INV-00002|Initech|", "INV-00001|Globex Corporation|billing@globex.test"],
            list.GetProperty("items").EnumerateArray().Select(i =>
                $"{i.GetProperty("number").GetString()}|{i.GetProperty("clientName").GetString()}|{i.GetProperty("clientEmail").GetString()}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Numbers_are_sequential_per_organization_even_when_drafts_are_made_at_once(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var clients = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            var client = await api.ClientAsync(team, $"Client {i}");
            var project = await api.ProjectAsync(team, $"Project {i}", client, 10m);
            await api.EntryAsync(team, team.Member, November.AddHours(i), 30, project);
            clients.Add(client);
        }
        var otherClient = await api.ClientAsync(other, "Theirs");
        await api.EntryAsync(other, other.Member, November, 30, await api.ProjectAsync(other, "Theirs", otherClient, 10m));

        var drafts = await Task.WhenAll(clients.Select(c => api.PostAsync(team.Path("invoices"), new { clientId = c, from = "2026-11-01", to = "2026-11-30" }, team.Owner.Token)));
        var theirs = await (await api.PostAsync(other.Path("invoices"), new { clientId = otherClient, from = "2026-11-01", to = "2026-11-30" }, other.Owner.Token)).JsonAsync();

        Assert.All(drafts, d => Assert.Equal(HttpStatusCode.Created, d.StatusCode));
        var numbers = new List<string>();
        foreach (var draft in drafts)
            numbers.Add((await draft.JsonAsync()).GetProperty("number").GetString()!);
        Assert.Equal(["INV-00001", "INV-00002", "INV-00003", "INV-00004", "INV-00005", "INV-00006"], numbers.Order());
        Assert.Equal("INV-00001", theirs.GetProperty("number").GetString());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Bad_invoice_requests_are_refused_with_what_is_wrong_and_nothing_is_written(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (team, globex, _) = await BillableMonthAsync(api);
        var other = await Team.CreateAsync(api, "Other");
        var foreign = await api.ClientAsync(other, "Theirs");
        var unratedClient = await api.ClientAsync(team, "Unrated");
        await api.EntryAsync(team, team.Owner, November, 60, await api.ProjectAsync(team, "Pro bono", unratedClient));

        var cases = new (object Body, HttpStatusCode Status, string Expected)[]
        {
            (new { from = "2026-11-01", to = "2026-11-30" }, HttpStatusCode.BadRequest, "'clientId' is required"),
            (new { clientId = foreign, from = "2026-11-01", to = "2026-11-30" }, HttpStatusCode.BadRequest, $"No client {foreign} in organization {team.OrgId}"),
            (new { clientId = globex, from = "2026-11-01" }, HttpStatusCode.BadRequest, "'to' is required"),
            (new { clientId = globex, from = "2026-11-01", to = "2026-11-30", currency = "euro" }, HttpStatusCode.BadRequest, "'currency' must be an ISO 4217 code"),
            (new { clientId = globex, from = "2026-12-01", to = "2026-12-31" }, HttpStatusCode.UnprocessableEntity, "has no uninvoiced billable time from 2026-12-01 to 2026-12-31"),
            (new { clientId = unratedClient, from = "2026-11-01", to = "2026-11-30" }, HttpStatusCode.UnprocessableEntity, "1.00 hours on project"),
        };
        foreach (var (body, status, expected) in cases)
        {
            var response = await api.PostAsync(team.Path("invoices"), body, team.Owner.Token);
            Assert.True(status == response.StatusCode, $"{expected}: {(int)response.StatusCode} {await response.ProblemAsync()}");
            Assert.Contains(expected, await response.ProblemAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(["0"], await api.SqlAsync("SELECT COUNT(*) FROM invoices"));
        Assert.Equal(["0"], await api.SqlAsync("SELECT COUNT(*) FROM time_entries WHERE locked_at IS NOT NULL OR invoice_id IS NOT NULL"));
        Assert.Equal(["0"], await api.SqlAsync($"SELECT invoice_sequence FROM organizations WHERE id = {team.OrgId}"));

        var member = await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-01", to = "2026-11-30" }, team.Member.Token);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(team.Path("invoices"), team.Member.Token)).StatusCode);
        var id = await api.PostAsync(team.Path("invoices"), new { clientId = globex, from = "2026-11-01", to = "2026-11-30" }, team.Owner.Token).IdAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(other.Path($"invoices/{id}"), other.Owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync(other.Path($"invoices/{id}/void"), null, other.Owner.Token)).StatusCode);
        var badDue = await api.PostAsync(team.Path($"invoices/{id}/issue"), new { issuedOn = "2026-12-01", dueOn = "2026-11-01" }, team.Owner.Token);
        Assert.Contains("'dueOn' (2026-11-01) must not be before the issue date (2026-12-01)", await badDue.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["draft"], await api.SqlAsync($"SELECT status FROM invoices WHERE id = {id}"));
    }

    // Client Globex: Website (100.00 an hour) and Support (no rate: the admin's default 50.00 and the member's 80.00
    // apply). Billed in November: 90 minutes on Website, an hour of the admin's and half an hour of the member's on
    // Support. Not billed: non-billable time, another client's project, October, and a running timer.
    private static async Task<(Team Team, long Globex, (List<long> Billed, List<long> NotBilled) Entries)> BillableMonthAsync(TestApi api)
    {
        var team = await Team.CreateAsync(api);
        await api.PatchAsync("/api/v1/me", new { defaultHourlyRate = 50m }, team.Admin.Token);
        await api.PatchAsync("/api/v1/me", new { defaultHourlyRate = 80m }, team.Member.Token);
        var globex = await api.ClientAsync(team, "Globex");
        var website = await api.ProjectAsync(team, "Website", globex, 100m);
        var support = await api.ProjectAsync(team, "Support", globex);
        var elsewhere = await api.ProjectAsync(team, "Elsewhere", await api.ClientAsync(team, "Initech"), 100m);
        var billed = new List<long>
        {
            await api.EntryAsync(team, team.Member, November, 60, website),
            await api.EntryAsync(team, team.Admin, November.AddHours(2), 60, support),
            await api.EntryAsync(team, team.Member, November.AddDays(20), 30, website),
            await api.EntryAsync(team, team.Member, November.AddDays(21), 30, support),
        };
        var notBilled = new List<long>
        {
            await api.EntryAsync(team, team.Member, November.AddHours(4), 60, website, billable: false),
            await api.EntryAsync(team, team.Member, November.AddHours(6), 60, elsewhere),
            await api.EntryAsync(team, team.Member, November.AddDays(-10), 60, website),
        };
        await api.PostAsync(team.Path("timer/start"), new { projectId = website }, team.Admin.Token).IdAsync();
        return (team, globex, (billed, notBilled));
    }
}
