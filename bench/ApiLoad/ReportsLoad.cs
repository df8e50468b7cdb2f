using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace ApiLoad;

/// <summary>
/// Reports at scale (bench/run-reports.sh). <c>reports-setup</c> signs up the owner and one member through the API,
/// makes the organization and writes their addresses to <c>$BENCH_STATE</c>; the script then seeds the entries in SQL
/// (bench/reports/seed.sql). <c>reports</c> signs both in again and measures the summary of the last whole month:
/// the organization's by each grouping, and the member's own, with 1 and 4 clients at once.
/// </summary>
internal static class ReportsLoad
{
    private const string Password = "correct horse battery staple";

    /// <summary>The zone of every seeded person, the owner's included (reports count days in the caller's zone).</summary>
    private const string Zone = "Europe/Berlin";

    public static async Task<int> SetUpAsync(HttpClient http, string connectionString, string state)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        string[] emails = [$"owner-{run}@example.test", $"member-{run}@example.test"];
        foreach (var email in emails)
        {
            var name = email[..email.IndexOf('-', StringComparison.Ordinal)];
            (await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, name })).EnsureSuccessStatusCode();
        }
        await using var data = NpgsqlDataSource.Create(connectionString);
        // Only a verified address may create an organization; the bench reads no mailbox.
        await using (var verify = data.CreateCommand("UPDATE users SET email_verified = TRUE, timezone = $2 WHERE email = ANY($1)"))
        {
            verify.Parameters.AddWithValue(emails);
            verify.Parameters.AddWithValue(Zone);
            await verify.ExecuteNonQueryAsync();
        }
        var owner = await SignInAsync(http, emails[0]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orgs") { Content = JsonContent.Create(new { name = "Scale Co" }) };
        request.Headers.Authorization = new("Bearer", owner);
        using var response = await http.SendAsync(request);
        var org = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await File.WriteAllLinesAsync(state, [org.ToString(CultureInfo.InvariantCulture), emails[0], emails[1]]);
        return 0;
    }

    public static async Task<int> RunAsync(HttpClient http, string state, TimeSpan duration, string? urls)
    {
        var lines = await File.ReadAllLinesAsync(state);
        var org = long.Parse(lines[0], CultureInfo.InvariantCulture);
        var owner = await SignInAsync(http, lines[1]);
        var member = await SignInAsync(http, lines[2]);
        // The last whole month before the seed's last day (the seed ends yesterday).
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var range = $"from={month:yyyy-MM-dd}&to={month.AddMonths(1).AddDays(-1):yyyy-MM-dd}";
        string Summary(string groupBy) => $"/api/v1/orgs/{org}/reports/summary?{range}&groupBy={groupBy}";

        var cases = new List<(string Name, string Path, string Token)>();
        foreach (var groupBy in new[] { "project", "client", "user", "tag", "day" })
            cases.Add(($"org month by {groupBy}", Summary(groupBy), owner));
        cases.Add(("member's own month by project", Summary("project"), member));

        var failures = 0;
        foreach (var (name, path, token) in cases)
        {
            var bytes = await SizeAsync(http, path, token);
            foreach (var clients in new[] { 1, 4 })
            {
                await ClosedLoop.RunAsync(clients, _ => GetAsync(http, path, token), TimeSpan.FromSeconds(2));
                var (latencies, failed, elapsed) = await ClosedLoop.RunAsync(clients, _ => GetAsync(http, path, token), duration);
                Console.WriteLine(Report.Line($"{name}, {clients} client{(clients > 1 ? "s" : "")}", latencies, elapsed) +
                    string.Create(CultureInfo.InvariantCulture, $"   ({bytes / 1024.0:0} KB)") + (failed > 0 ? $"   FAILURES {failed}" : ""));
                failures += failed;
            }
        }
        // For the query plans: what to ask again once the server explains its queries (the owner's token, then each
        // path with the token it is asked with).
        if (urls is { Length: > 0 })
            await File.WriteAllLinesAsync(urls, cases.Select(c => $"{c.Token} {c.Path}"));
        return failures > 0 ? 1 : 0;
    }

    private static async Task<string> SignInAsync(HttpClient http, string email)
    {
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        return login.GetProperty("accessToken").GetString()!;
    }

    private static async Task<long> SizeAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        return (await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync()).LongLength;
    }

    private static async Task<bool> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        await response.Content.CopyToAsync(Stream.Null);
        return response.IsSuccessStatusCode;
    }
}
