using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace ApiLoad;

/// <summary>
/// The time-tracking targets: one organization of 100 members with a million entries over the last year, then
/// a month's summary by project, a page of 50 entries, and timers started and stopped by 50 members at once.
/// </summary>
internal static class TrackingLoad
{
    private const int Members = 100;
    private const int Projects = 200;
    private const int Clients = 20;
    private const int TimerMembers = 50;
    private const string Password = "correct horse battery staple";

    public static async Task<int> RunAsync(HttpClient http, string connectionString, TimeSpan duration, int entries)
    {
        var tokens = await SignUpAsync(http);
        // Only a verified address may create an organization; the bench reads no mailbox, so it marks its members verified.
        await using (var data = NpgsqlDataSource.Create(connectionString))
        await using (var verify = data.CreateCommand("UPDATE users SET email_verified = TRUE WHERE email LIKE 'member-%'"))
            await verify.ExecuteNonQueryAsync();
        var org = await CreateOrganizationAsync(http, tokens[0]);
        var seeded = System.Diagnostics.Stopwatch.StartNew();
        var projectId = await SeedAsync(connectionString, org, entries);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeded {entries:N0} entries of {Members} members, {Projects} projects, {Clients} clients in {seeded.Elapsed.TotalSeconds:0} s"));

        var now = DateTime.UtcNow;
        var month = new DateOnly(now.Year, now.Month, 1).AddMonths(-1);
        var summary = $"/api/v1/orgs/{org}/reports/summary?from={month:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}&groupBy=project";
        var failures = 0;
        // BENCH_TIMER_ONLY=1 measures the timer alone (when comparing server settings, say).
        var timerOnly = Environment.GetEnvironmentVariable("BENCH_TIMER_ONLY") == "1";
        var cursor = "";
        if (!timerOnly)
        {
            failures += await MeasureAsync("summary of a month by project, 1 client", 1, duration, _ => GetAsync(http, summary, tokens[0]));
            failures += await MeasureAsync("summary of a month by project, 4 clients", 4, duration, _ => GetAsync(http, summary, tokens[0]));
            failures += await MeasureAsync("page of 50 entries (newest), 1 client", 1, duration, _ => GetAsync(http, $"/api/v1/orgs/{org}/time-entries?limit=50", tokens[0]));
            cursor = await CursorAfterPagesAsync(http, org, tokens[0], 20);
            failures += await MeasureAsync("page of 50 entries (page 21), 1 client", 1, duration, _ => GetAsync(http, $"/api/v1/orgs/{org}/time-entries?limit=50&cursor={cursor}", tokens[0]));
            failures += await MeasureAsync("page of 50 of one member's month, 1 client", 1, duration,
                _ => GetAsync(http, $"/api/v1/orgs/{org}/time-entries?limit=50&userId={tokens[5].UserId}&from={month:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}", tokens[0]));
        }

        // Each of 50 members starts a timer, then stops it, then starts one again, and so on: first all at once
        // (closed loop, each member's next request as soon as the last is answered: the server's capacity), then
        // at paced rates (each member every 250 ms on average, then every 100 ms, at random moments as independent people
        // act), latency counted from the scheduled time.
        var running = new bool[TimerMembers];
        async Task<bool> Toggle(int member)
        {
            var stop = running[member];
            running[member] = !stop;
            using var request = new HttpRequestMessage(HttpMethod.Post, stop ? $"/api/v1/orgs/{org}/timer/stop" : $"/api/v1/orgs/{org}/timer/start")
            {
                Content = stop ? null : JsonContent.Create(new { projectId }),
            };
            request.Headers.Authorization = new("Bearer", tokens[member].AccessToken);
            using var response = await http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        failures += await MeasureAsync($"timer start/stop, {TimerMembers} members, closed loop", TimerMembers, duration, Toggle);
        foreach (var perSecond in new[] { 200.0, 500.0 })
        {
            await OpenLoop.RunAsync(TimerMembers, n => Toggle(n % TimerMembers), perSecond, TimeSpan.FromSeconds(2), randomArrivals: true);
            var (latencies, failed, elapsed, late) = await OpenLoop.RunAsync(TimerMembers, n => Toggle(n % TimerMembers), perSecond, duration, randomArrivals: true);
            Console.WriteLine(Report.Line($"timer start/stop, {TimerMembers} members, {perSecond:0}/s", latencies, elapsed) + Report.StartedLate(late) + (failed > 0 ? $"   FAILURES {failed}" : ""));
            failures += failed;
        }
        // For the query plans: what to ask again once the server explains its queries.
        if (Environment.GetEnvironmentVariable("BENCH_URLS") is { Length: > 0 } urls)
            await File.WriteAllLinesAsync(urls, [tokens[0].AccessToken, summary, $"/api/v1/orgs/{org}/time-entries?limit=50", $"/api/v1/orgs/{org}/time-entries?limit=50&cursor={cursor}"]);
        return failures > 0 ? 1 : 0;
    }

    private static async Task<int> MeasureAsync(string name, int clients, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        await ClosedLoop.RunAsync(clients, operation, TimeSpan.FromSeconds(2));
        var (latencies, failures, elapsed) = await ClosedLoop.RunAsync(clients, operation, duration);
        Console.WriteLine(Report.Line(name, latencies, elapsed) + (failures > 0 ? $"   FAILURES {failures}" : ""));
        return failures;
    }

    private static async Task<bool> GetAsync(HttpClient http, string path, Member member)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", member.AccessToken);
        using var response = await http.SendAsync(request);
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }

    private static async Task<string> CursorAfterPagesAsync(HttpClient http, long org, Member owner, int pages)
    {
        string? cursor = null;
        for (var i = 0; i < pages; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/orgs/{org}/time-entries?limit=50{(cursor is null ? "" : $"&cursor={cursor}")}");
            request.Headers.Authorization = new("Bearer", owner.AccessToken);
            using var response = await http.SendAsync(request);
            cursor = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextCursor").GetString();
        }
        return cursor!;
    }

    private sealed record Member(long UserId, string AccessToken);

    private static async Task<Member[]> SignUpAsync(HttpClient http)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var members = new Member[Members];
        await Parallel.ForEachAsync(Enumerable.Range(0, Members), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancellationToken) =>
        {
            var email = $"member-{i}-{run}@example.test";
            (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, name = $"Member {i:D3}" }, cancellationToken)).EnsureSuccessStatusCode();
            var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password }, cancellationToken)).EnsureSuccessStatusCode()
                .Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var token = login.GetProperty("accessToken").GetString()!;
            using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            me.Headers.Authorization = new("Bearer", token);
            var id = (await (await http.SendAsync(me, cancellationToken)).Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetInt64();
            members[i] = new Member(id, token);
        });
        return members;
    }

    private static async Task<long> CreateOrganizationAsync(HttpClient http, Member owner)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orgs") { Content = JsonContent.Create(new { name = "Load Co" }) };
        request.Headers.Authorization = new("Bearer", owner.AccessToken);
        using var response = await http.SendAsync(request);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    // Members, clients, projects (a third without a rate) and the entries, spread evenly over the last 365 days:
    // each member's entries 100 × 31.5 s apart, 15 to 45 minutes long, four in five billable. Returns a project id.
    private static async Task<long> SeedAsync(string connectionString, long org, int entries)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        async Task Run(string sql, params (string Name, object Value)[] parameters)
        {
            await using var command = data.CreateCommand(sql);
            command.CommandTimeout = 0;
            foreach (var (name, value) in parameters)
                command.Parameters.AddWithValue(name, value);
            await command.ExecuteNonQueryAsync();
        }
        var now = DateTimeOffset.UtcNow;
        await Run("INSERT INTO memberships (organization_id, user_id, role, created_at) SELECT @org, id, 'member', @now FROM users " +
                  "WHERE email LIKE 'member-%' AND id NOT IN (SELECT user_id FROM memberships WHERE organization_id = @org)", ("org", org), ("now", now));
        await Run("INSERT INTO clients (organization_id, name, created_at) SELECT @org, 'Client ' || g, @now FROM generate_series(1, @n) g", ("org", org), ("now", now), ("n", Clients));
        await Run("INSERT INTO projects (organization_id, client_id, name, hourly_rate, archived, created_at, updated_at) " +
                  "SELECT @org, c.ids[1 + g % @clients], 'Project ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 40 + g % 80 END, FALSE, @now, @now " +
                  "FROM (SELECT array_agg(id ORDER BY id) ids FROM clients WHERE organization_id = @org) c, generate_series(1, @n) g",
            ("org", org), ("now", now), ("n", Projects), ("clients", Clients));
        await Run("UPDATE users SET default_hourly_rate = 50 + id % 50 WHERE id IN (SELECT user_id FROM memberships WHERE organization_id = @org)", ("org", org));
        await Run(
            "INSERT INTO time_entries (organization_id, user_id, project_id, started_at, ended_at, duration_seconds, description, billable, source, created_at, updated_at) " +
            "SELECT @org, u.ids[1 + g % @members], p.ids[1 + (g / @members * 7 + g) % @projects], x.s, x.s + x.d * interval '1 second', x.d, 'Entry ' || g, g % 5 <> 0, 'import', " +
            "x.s + x.d * interval '1 second', x.s + x.d * interval '1 second' " +
            "FROM (SELECT array_agg(user_id ORDER BY user_id) ids FROM memberships WHERE organization_id = @org) u, " +
            "(SELECT array_agg(id ORDER BY id) ids FROM projects WHERE organization_id = @org) p, generate_series(0, @n - 1) g, " +
            "LATERAL (SELECT @start + g * (31536000.0 / @n) * interval '1 second' AS s, 900 + (g * 37) % 1800 AS d) x",
            ("org", org), ("members", Members), ("projects", Projects), ("n", entries), ("start", now.AddDays(-365)));
        await Run("VACUUM ANALYZE time_entries");
        await Run("ANALYZE");
        await using var first = data.CreateCommand("SELECT MIN(id) FROM projects WHERE organization_id = @org AND hourly_rate IS NOT NULL");
        first.Parameters.AddWithValue("org", org);
        return (long)(await first.ExecuteScalarAsync())!;
    }
}
