using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary>
/// The five lists that were unbounded (invoices, clients, projects, tasks, members) answer pages of at most 200,
/// over HTTP, on both dialects (docs/api.md, "Lists and pages").
/// </summary>
public sealed class ListPagingTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const int Rows = 250;
    private const string Now = "2026-11-24 00:00:00.0000000+00:00";

    // Names that collide exactly, differ only in case, sort between 'Z' and 'a' (_) or are not ASCII (É):
    // the order must be the same on SQLite and on PostgreSQL whatever its locale.
    private static string SeedName(int i) => (i % 5) switch
    {
        0 => $"alpha {i % 7}",
        1 => $"Alpha {i % 7}",
        2 => $"Émile {i % 3}",
        3 => $"_under {i % 4}",
        _ => $"zeta.{i % 2}",
    };

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Every_list_of_250_rows_pages_as_200_and_50_or_by_default_as_50s_each_row_once_and_in_order(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        if (dialect == TestApi.Postgres)
        {
            // Most PostgreSQL databases sort text by a linguistic locale (the test cluster's is C): give the names
            // one, so that the lists are seen to keep their order, and their cursors their place, whatever it is.
            foreach (var table in new[] { "clients", "projects", "tasks", "users" })
            {
                var type = Assert.Single(await api.SqlAsync($"SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '{table}'::regclass AND attname = 'name'"));
                await api.SqlAsync($"ALTER TABLE {table} ALTER COLUMN name TYPE {type} COLLATE \"und-x-icu\"");
            }
        }
        var lists = await SeedAsync(api, team);

        foreach (var (route, expected) in lists)
        {
            var large = await PagesAsync(api, team.Path(route), team.Owner.Token, "limit=200");
            Assert.Equal([200, expected.Count - 200], large.Select(p => p.Count));
            Assert.Equal(expected, large.SelectMany(p => p));

            var byDefault = await PagesAsync(api, team.Path(route), team.Owner.Token, "");
            Assert.All(byDefault.SkipLast(1), p => Assert.Equal(50, p.Count));
            Assert.InRange(byDefault[^1].Count, 1, 50);
            Assert.Equal(expected, byDefault.SelectMany(p => p));
        }

        // Each invoice carries its own lines, on whichever page it is.
        var invoices = (await PagesAsync(api, team.Path("invoices"), team.Owner.Token, "limit=200", item => item)).SelectMany(p => p).ToList();
        var withLines = invoices.Where(i => i.GetProperty("items").GetArrayLength() > 0).Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("items")[0].GetProperty("description").GetString()!));
        Assert.Equal(lists["invoices"].Where((_, index) => index is 0 or 199 or 200 or Rows - 1).Select(id => (id, $"line of {id}")), withLines);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_limit_outside_1_to_200_or_not_a_number_and_a_cursor_the_list_did_not_give_out_are_400s_naming_the_field(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var projectId = await api.ProjectAsync(team, "Website");
        var invoiceCursor = Cursor($"0.{long.MaxValue}");
        var clientCursor = Cursor("0.1.Globex");

        foreach (var route in new[] { "invoices", "clients", "projects", $"projects/{projectId}/tasks", "members" })
        {
            foreach (var limit in new[] { "0", "-1", "201", "ten", "1.5", "", "99999999999" })
            {
                var refused = await api.GetAsync(team.Path($"{route}?limit={Uri.EscapeDataString(limit)}"), team.Owner.Token);
                var errors = await ErrorsAsync(refused, "limit");
                Assert.Contains($"'limit' must be a whole number from 1 to 200 (default 50); '{limit}' is not.", errors, StringComparison.Ordinal);
            }
            var foreignKind = route == "invoices" ? clientCursor : invoiceCursor;
            foreach (var cursor in new[] { "not base64!", Cursor("nothing"), Cursor("1"), Cursor("x.1.Name"), foreignKind, Convert.ToBase64String([0xff, 0xfe, 0x2e]) })
            {
                var refused = await api.GetAsync(team.Path($"{route}?cursor={Uri.EscapeDataString(cursor)}"), team.Owner.Token);
                Assert.Contains("'cursor' is not one this list gave out", await ErrorsAsync(refused, "cursor"), StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_cursor_from_another_organization_or_list_carries_only_a_position_and_shows_none_of_their_rows(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var mine = await Team.CreateAsync(api);
        var theirs = await Team.CreateAsync(api, "Rival");
        var myClients = new List<long>();
        foreach (var name in new[] { "Apple", "Cherry", "Elder" })
            myClients.Add(await api.ClientAsync(mine, name));
        foreach (var name in new[] { "Banana", "Date", "Fig" })
            await api.ClientAsync(theirs, name);
        var myProject = await api.ProjectAsync(mine, "Banana bread");
        var otherProject = await api.ProjectAsync(mine, "Other");
        var myTask = await api.PostAsync(mine.Path($"projects/{myProject}/tasks"), new { name = "Mine" }, mine.Admin.Token).IdAsync();
        foreach (var name in new[] { "Alien", "Zulu" })
            await api.PostAsync(mine.Path($"projects/{otherProject}/tasks"), new { name }, mine.Admin.Token).IdAsync();

        var theirCursor = (await (await api.GetAsync(theirs.Path("clients?limit=1"), theirs.Owner.Token)).JsonAsync()).GetProperty("nextCursor").GetString()!;
        var afterBanana = await (await api.GetAsync(mine.Path($"clients?cursor={theirCursor}"), mine.Owner.Token)).JsonAsync();
        Assert.Equal(myClients[1..], Ids(afterBanana));

        // A project's cursor on the clients list, and a cursor of another project's tasks: positions, nothing more.
        var projectCursor = (await (await api.GetAsync(mine.Path("projects?limit=1"), mine.Owner.Token)).JsonAsync()).GetProperty("nextCursor").GetString()!;
        Assert.Equal(myClients[1..], Ids(await (await api.GetAsync(mine.Path($"clients?cursor={projectCursor}"), mine.Owner.Token)).JsonAsync()));
        var taskCursor = (await (await api.GetAsync(mine.Path($"projects/{otherProject}/tasks?limit=1"), mine.Owner.Token)).JsonAsync()).GetProperty("nextCursor").GetString()!;
        Assert.Equal([myTask], Ids(await (await api.GetAsync(mine.Path($"projects/{myProject}/tasks?cursor={taskCursor}"), mine.Owner.Token)).JsonAsync()));

        // Their members' cursor on my members: only mine. And their organization stays a 404 to me, cursor or not.
        var theirMembers = (await (await api.GetAsync(theirs.Path("members?limit=1"), theirs.Owner.Token)).JsonAsync()).GetProperty("nextCursor").GetString()!;
        var myMembers = await (await api.GetAsync(mine.Path($"members?cursor={theirMembers}"), mine.Owner.Token)).JsonAsync();
        Assert.Empty(myMembers.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetInt64()).Intersect([theirs.Owner.Id, theirs.Admin.Id, theirs.Member.Id]));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(theirs.Path($"clients?cursor={theirCursor}"), mine.Owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(theirs.Path($"members?cursor={theirMembers}"), mine.Owner.Token)).StatusCode);
    }

    /// <summary>Seeds <see cref="Rows"/> rows of each list; answers each list's route and the ids it must answer, in order.</summary>
    private static async Task<Dictionary<string, List<long>>> SeedAsync(TestApi api, Team team)
    {
        var names = Enumerable.Range(0, Rows).Select(SeedName).ToList();
        string Values(Func<int, string> row) => string.Join(", ", Enumerable.Range(0, Rows).Select(row));
        await api.SqlAsync($"INSERT INTO clients (organization_id, name, created_at) VALUES {Values(i => $"({team.OrgId}, '{names[i]}', '{Now}')")}");
        await api.SqlAsync($"INSERT INTO projects (organization_id, name, archived, created_at, updated_at) VALUES {Values(i => $"({team.OrgId}, '{names[i]}', false, '{Now}', '{Now}')")}");
        var projectId = await api.ProjectAsync(team, "Tasks' home");
        await api.SqlAsync($"INSERT INTO tasks (project_id, name, archived, created_at) VALUES {Values(i => $"({projectId}, '{names[i]}', false, '{Now}')")}");
        var clientId = await api.ClientAsync(team, "Billed");
        await api.SqlAsync("INSERT INTO invoices (organization_id, client_id, number, status, total, currency, period_start, period_end, created_at) VALUES " +
            Values(i => $"({team.OrgId}, {clientId}, 'INV-{i:00000}', '{(i % 2 == 0 ? "draft" : "paid")}', 0, 'USD', '2026-11-01', '2026-11-30', '{Now}')"));
        var invoices = (await api.SqlAsync($"SELECT id FROM invoices WHERE organization_id = {team.OrgId} ORDER BY id DESC")).Select(long.Parse).ToList();
        foreach (var id in new[] { invoices[0], invoices[199], invoices[200], invoices[^1] })
            await api.SqlAsync($"INSERT INTO invoice_items (invoice_id, description, quantity, unit_price, amount) VALUES ({id}, 'line of {id}', 1, 10, 10)");
        await api.SqlAsync($"INSERT INTO users (email, name, created_at, updated_at) VALUES {Values(i => $"('paged{i}@example.test', '{names[i]}', '{Now}', '{Now}')")}");
        await api.SqlAsync("INSERT INTO memberships (organization_id, user_id, role, created_at) " +
            $"SELECT {team.OrgId}, id, CASE WHEN id % 9 = 0 THEN 'admin' ELSE 'member' END, '{Now}' FROM users WHERE email LIKE 'paged%'");

        async Task<List<long>> ByName(string sql) =>
            [.. (await api.SqlAsync(sql)).Select(Row.Parse).OrderBy(r => r.Rank).ThenBy(r => AsciiUpper(r.Name), StringComparer.Ordinal).ThenBy(r => r.Id).Select(r => r.Id)];
        return new Dictionary<string, List<long>>
        {
            ["invoices"] = invoices,
            ["clients"] = await ByName($"SELECT '0|' || id || '|' || name FROM clients WHERE organization_id = {team.OrgId}"),
            ["projects"] = await ByName($"SELECT '0|' || id || '|' || name FROM projects WHERE organization_id = {team.OrgId}"),
            [$"projects/{projectId}/tasks"] = await ByName($"SELECT '0|' || id || '|' || name FROM tasks WHERE project_id = {projectId}"),
            ["members"] = await ByName("SELECT CASE m.role WHEN 'owner' THEN '-3' WHEN 'admin' THEN '-2' ELSE '-1' END || '|' || u.id || '|' || u.name " +
                $"FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = {team.OrgId}"),
        };
    }

    /// <summary>Every page of a list, following <c>nextCursor</c> until it is null.</summary>
    private static async Task<List<List<T>>> PagesAsync<T>(TestApi api, string path, string token, string query, Func<JsonElement, T> read)
    {
        var pages = new List<List<T>>();
        string? cursor = null;
        do
        {
            var parameters = string.Join('&', new[] { query, cursor is null ? "" : $"cursor={Uri.EscapeDataString(cursor)}" }.Where(p => p.Length > 0));
            var response = await api.GetAsync($"{path}?{parameters}", token);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}?{parameters}: {(int)response.StatusCode} {await response.ProblemAsync()}");
            var page = await response.JsonAsync();
            pages.Add([.. page.GetProperty("items").EnumerateArray().Select(read)]);
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.True(pages.Count <= Rows, $"{path} does not end");
        }
        while (cursor is not null);
        return pages;
    }

    private static Task<List<List<long>>> PagesAsync(TestApi api, string path, string token, string query) =>
        PagesAsync(api, path, token, query, item => item.TryGetProperty("id", out var id) ? id.GetInt64() : item.GetProperty("userId").GetInt64());

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    /// <summary>The messages of the problem's entry for <paramref name="field"/>, after checking it is a 400 validation problem.</summary>
    private static async Task<string> ErrorsAsync(HttpResponseMessage response, string field)
    {
        var text = await response.ProblemAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), text);
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>Cursor text as the API encodes it (base64url of UTF-8), for cursors it never gave out.</summary>
    private static string Cursor(string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Upper-cases ASCII letters only, as the databases do under the order both share.</summary>
    private static string AsciiUpper(string name) => string.Concat(name.Select(c => char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c));

    private sealed record Row(int Rank, long Id, string Name)
    {
        public static Row Parse(string text)
        {
            var parts = text.Split('|', 3);
            return new Row(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
        }
    }
}
