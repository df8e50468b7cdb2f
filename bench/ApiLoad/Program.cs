using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ApiLoad;
using Geralt;
using Microsoft.AspNetCore.Identity;

// Load for the API of a running `timetracker serve`: N concurrent clients for a fixed time, each
// repeating one operation; prints throughput and latency percentiles.
//   api-load BASE_URL SCENARIO [CLIENTS] [SECONDS] [RATE]     SCENARIO: refresh | login | me | webhook | hash | tracking
//                                                              | reports-setup | reports
// Without RATE each client sends its next request when its last one is answered (closed loop: as fast as it goes).
// With RATE requests start on a schedule of RATE per second whatever the answers (open loop), at most CLIENTS at
// once, and latency counts from each request's scheduled start: evenly spaced for webhook (as Stripe delivers),
// at random moments for login and me (as independent users act). refresh runs in closed loop only.
// The webhook scenario signs with $STRIPE_WEBHOOK_SECRET and spreads events over $BENCH_CUSTOMERS customers.
// The tracking scenario seeds $BENCH_ENTRIES time entries through $BENCH_PG, then measures reports, pages and the timer.
// reports-setup makes the organization of bench/run-reports.sh (state in $BENCH_STATE); reports measures its summaries.
var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:5080";
var scenario = args.Length > 1 ? args[1] : "me";
var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
var duration = TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 10);
double? rate = args.Length > 4 ? double.Parse(args[4], CultureInfo.InvariantCulture) : null;

if (scenario == "hash")
{
    // What one sign-in's password check costs by itself, on one core: the server's Argon2id at its default cost,
    // and Identity's PBKDF2, which hashes made before Argon2id still cost until their account's next sign-in.
    const string secret = "correct horse battery staple";
    var encoded = new char[Argon2id.HashSize];
    Argon2id.ComputeHash(encoded, Encoding.UTF8.GetBytes(secret), iterations: 2, memorySize: 19 * 1024 * 1024);
    var argon2id = new string(encoded.AsSpan().TrimEnd('\0'));
    var pbkdf2 = new PasswordHasher<object>();
    var pbkdf2Hash = pbkdf2.HashPassword(null!, secret);
    var (argonSamples, argonElapsed) = Time(() => Argon2id.VerifyHash(argon2id, Encoding.UTF8.GetBytes(secret)));
    Console.WriteLine(Report.Line("password hash check alone (1 thread)", argonSamples, argonElapsed));
    var (pbkdf2Samples, pbkdf2Elapsed) = Time(() => pbkdf2.VerifyHashedPassword(null!, pbkdf2Hash, secret));
    Console.WriteLine(Report.Line("  PBKDF2 hash from before, alone", pbkdf2Samples, pbkdf2Elapsed));
    return 0;

    static (List<double> Samples, TimeSpan Elapsed) Time(Action check)
    {
        var samples = new List<double>();
        for (var i = 0; i < 30; i++)
        {
            var started = Stopwatch.GetTimestamp();
            check();
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (samples, TimeSpan.FromMilliseconds(samples.Sum()));
    }
}

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { BaseAddress = new Uri(baseUrl) };
if (scenario == "webhook")
{
    var deliveries = new StripeDeliveries(
        Environment.GetEnvironmentVariable("STRIPE_WEBHOOK_SECRET") ?? throw new InvalidOperationException("Set STRIPE_WEBHOOK_SECRET to the server's Stripe:WebhookSecrets:0."),
        int.Parse(Environment.GetEnvironmentVariable("BENCH_CUSTOMERS") ?? "100", CultureInfo.InvariantCulture));
    async Task<bool> DeliverAsync(int _)
    {
        using var request = deliveries.Next();
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }
    return rate is { } perSecond ? await MeasurePacedAsync(DeliverAsync, perSecond, randomArrivals: false) : await MeasureAsync(DeliverAsync);
}

if (scenario == "tracking")
{
    return await TrackingLoad.RunAsync(http, Environment.GetEnvironmentVariable("BENCH_PG") ?? throw new InvalidOperationException("Set BENCH_PG to the served database's connection string."),
        duration, int.Parse(Environment.GetEnvironmentVariable("BENCH_ENTRIES") ?? "1000000", CultureInfo.InvariantCulture));
}

if (scenario == "reports-setup")
{
    return await ReportsLoad.SetUpAsync(http,
        Environment.GetEnvironmentVariable("BENCH_PG") ?? throw new InvalidOperationException("Set BENCH_PG to the served database's connection string."),
        Environment.GetEnvironmentVariable("BENCH_STATE") ?? throw new InvalidOperationException("Set BENCH_STATE to a file for the run's state."));
}

if (scenario == "reports")
{
    return await ReportsLoad.RunAsync(http,
        Environment.GetEnvironmentVariable("BENCH_STATE") ?? throw new InvalidOperationException("Set BENCH_STATE to reports-setup's file."),
        duration, Environment.GetEnvironmentVariable("BENCH_URLS"));
}

const string password = "correct horse battery staple";
// One account per client, as independent people sign in: sign-in reserves its attempts per account, so a crowd
// signing in to a single account would measure that guard instead of the server.
var run = Guid.NewGuid().ToString("N");
var emails = new string[clients];
for (var i = 0; i < clients; i++)
{
    emails[i] = $"load-{run}-{i}@example.test";
    (await http.PostAsJsonAsync("/api/v1/auth/register", new { email = emails[i], password, name = "Load" })).EnsureSuccessStatusCode();
}

async Task<JsonElement> SignInAsync(int client)
{
    var response = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = emails[client], password });
    response.EnsureSuccessStatusCode();
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}

// Each client has its own state: a refresh token chain, or an access token.
var states = new JsonElement[clients];
for (var i = 0; i < clients; i++)
    states[i] = await SignInAsync(i);

Func<int, Task<bool>> operation = scenario switch
{
    "refresh" => async client =>
    {
        var response = await http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = states[client].GetProperty("refreshToken").GetString() });
        if (!response.IsSuccessStatusCode)
            return false;
        states[client] = await response.Content.ReadFromJsonAsync<JsonElement>();
        return true;
    },
    "login" => async client => (await http.PostAsJsonAsync("/api/v1/auth/login", new { email = emails[client], password })).IsSuccessStatusCode,
    "me" => async client =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new("Bearer", states[client].GetProperty("accessToken").GetString());
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    },
    _ => throw new ArgumentException($"unknown scenario '{scenario}': refresh, login, me or hash"),
};

if (rate is { } offered)
{
    // A refresh chain must not be used by two requests at once, which an open loop cannot promise.
    if (scenario == "refresh")
        throw new ArgumentException("RATE is for the webhook, login and me scenarios; refresh runs in closed loop only.");
    return await MeasurePacedAsync(n => operation(n % clients), offered, randomArrivals: true);
}
return await MeasureAsync(operation);

// A short warm-up, then the measured run.
async Task<int> MeasureAsync(Func<int, Task<bool>> operation)
{
    await ClosedLoop.RunAsync(clients, operation, TimeSpan.FromSeconds(2));
    var (latencies, failures, elapsed) = await ClosedLoop.RunAsync(clients, operation, duration);
    Console.WriteLine(Report.Line($"{scenario}, {clients} clients", latencies, elapsed) + (failures > 0 ? $"   FAILURES {failures}" : ""));
    return failures > 0 ? 1 : 0;
}

// The same at a paced rate (open loop), at most CLIENTS at once.
async Task<int> MeasurePacedAsync(Func<int, Task<bool>> operation, double perSecond, bool randomArrivals)
{
    await OpenLoop.RunAsync(clients, operation, perSecond, TimeSpan.FromSeconds(2), randomArrivals);
    var (latencies, failures, elapsed, late) = await OpenLoop.RunAsync(clients, operation, perSecond, duration, randomArrivals);
    Console.WriteLine(Report.Line($"{scenario}, {perSecond:0}/s offered{(randomArrivals ? " at random" : "")}, ≤{clients} open", latencies, elapsed) +
        Report.StartedLate(late) + (failures > 0 ? $"   FAILURES {failures}" : ""));
    return failures > 0 ? 1 : 0;
}
