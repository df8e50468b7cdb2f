using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TimeTracker.Database;
using TimeTracker.Hosting;
using TimeTracker.Tests.Email;
using Waymark.Execution;
using Waymark.Testing;

namespace TimeTracker.Tests.Api;

/// <summary>
/// The TimeTracker API on a test server (the same composition <c>serve</c> runs), over a new database of one
/// dialect migrated to head, sending its email to a real local SMTP server, on a clock the test moves.
/// </summary>
public sealed class TestApi : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly WebApplication _app;
    private readonly string? _sqliteDirectory;
    private string? _ownedKeyDirectory;

    private TestApi(WebApplication app, FakeTimeProvider time, SmtpTestServer mail, string databaseUrl, string? sqliteDirectory, CapturedLog log)
    {
        _app = app;
        KeyFile = app.Services.GetRequiredService<KeyEncryptionKey>().Path;
        Log = log;
        Time = time;
        Mail = mail;
        DatabaseUrl = databaseUrl;
        _sqliteDirectory = sqliteDirectory;
        // Every answer a test receives is checked against the document the server serves.
        Client = new HttpClient(new Contract.ContractCheckingHandler(app.GetTestServer().CreateHandler())) { BaseAddress = app.GetTestServer().BaseAddress };
    }

    public HttpClient Client { get; }

    public FakeTimeProvider Time { get; }

    public SmtpTestServer Mail { get; }

    public string DatabaseUrl { get; }

    /// <summary>The Data Protection key file (<c>DataProtection:KeyFile</c>) the API encrypts its key ring with.</summary>
    public string KeyFile { get; }

    /// <summary>What the API logged at Warning or above.</summary>
    public CapturedLog Log { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The test server, for requests that set what a client cannot, such as the remote address.</summary>
    public TestServer Server => _app.GetTestServer();

    // Each test's database is a copy of one migrated to the head once per dialect and test run: running the whole
    // chain for each of the hundreds of tests that start an API was the suite's largest single cost.
    private static readonly Lazy<Task<string>> SqliteTemplate = new(async () =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "timetracker-api-template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "template.db");
        await MigrateToHeadAsync("sqlite:///" + file);
        // Waymark's SQLite connections are not pooled: the last one's close checkpointed the write-ahead log into the file.
        if (File.Exists(file + "-wal"))
            throw new InvalidOperationException($"{file}-wal is still there: the template is not whole in its file.");
        return file;
    });

    private static readonly Lazy<Task<string>> PostgresTemplate = new(async () =>
    {
        var connectionString = await PostgresServer.Instance.CreateDatabaseAsync("api_template");
        // Not pooled: a template may have no session open when it is copied.
        await MigrateToHeadAsync(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        return new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
    });

    private static async Task MigrateToHeadAsync(string database) =>
        await new Migrator(TimeTrackerDatabase.LoadGraph(), TimeTrackerDatabase.Providers().Create(database)).UpgradeAsync("heads", CancellationToken.None);

    /// <summary>
    /// Starts the API; <paramref name="settings"/> adds or overrides configuration keys, and <paramref name="existingDatabaseUrl"/>
    /// names a database another <see cref="TestApi"/> created, to serve from it again (a restart).
    /// </summary>
    public static async Task<TestApi> StartAsync(string dialect, SmtpTestServer mail, IDictionary<string, string>? settings = null, string? existingDatabaseUrl = null)
    {
        string? directory = null;
        string url;
        if (existingDatabaseUrl is not null)
        {
            // Served again, or made by the test at an older revision: upgraded as `serve --migrate` would.
            url = existingDatabaseUrl;
            await MigrateToHeadAsync(url);
        }
        else if (dialect == Sqlite)
        {
            directory = Path.Combine(Path.GetTempPath(), "timetracker-api-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            var file = Path.Combine(directory, "api.db");
            File.Copy(await SqliteTemplate.Value, file);
            url = "sqlite:///" + file;
        }
        else
        {
            var name = $"api_{Guid.NewGuid():N}";
            await PostgresServer.Instance.ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{await PostgresTemplate.Value}\"");
            url = PostgresServer.Instance.UrlFor(name);
        }

        var configuration = new Dictionary<string, string>
        {
            ["Jwt:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Email:Smtp:Host"] = mail.Host,
            ["Email:Smtp:Port"] = mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "none",
            ["Accounts:PublicUrl"] = "https://app.example.test",
            ["RateLimiting:Auth:PermitLimit"] = "1000",
            ["RateLimiting:Refresh:PermitLimit"] = "1000",
            ["RateLimiting:Account:PermitLimit"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            // The forgotten-timer worker would act whenever a test moves the clock hours ahead; its tests start it themselves.
            ["Timers:WorkerEnabled"] = "false",
        };
        // SQLite's key file is beside the database, in its temp directory; PostgreSQL's would be in the user's data
        // folder, so the tests keep one per database in a temp directory instead (a restart finds it again).
        if (dialect == Postgres)
            configuration["DataProtection:KeyFile"] = PostgresKeyFile(url);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            configuration[key] = value;
        var log = new CapturedLog();
        var builder = ApiHost.CreateBuilder([.. configuration.Select(kv => $"--{kv.Key}={kv.Value}")], url, log);
        builder.WebHost.UseTestServer();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(time);
        var app = builder.Build();
        ApiHost.Configure(app);
        await app.StartAsync();
        return new TestApi(app, time, mail, url, directory, log) { _ownedKeyDirectory = dialect == Postgres && existingDatabaseUrl is null ? Path.GetDirectoryName(PostgresKeyFile(url)) : null };
    }

    /// <summary>Where the tests keep the key file of a PostgreSQL database.</summary>
    public static string PostgresKeyFile(string databaseUrl) =>
        Path.Combine(Path.GetTempPath(), "timetracker-api-keys-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(databaseUrl)).AsSpan(0, 8)), "key-encryption.key");

    /// <summary>POSTs <paramref name="body"/> as JSON, with a bearer token when given.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object? body, string? accessToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Client.SendAsync(request);
    }

    /// <summary>
    /// POSTs <paramref name="body"/> as JSON as if sent from <paramref name="address"/>, with an X-Forwarded-For when
    /// given and <paramref name="headers"/>; the answer's body is in <c>Response.Body</c>.
    /// </summary>
    public Task<HttpContext> PostFromAsync(IPAddress address, string path, object body, string? forwardedFor = null,
        IReadOnlyDictionary<string, string>? headers = null) =>
        Server.SendAsync(context =>
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(body);
            context.Connection.RemoteIpAddress = address;
            if (forwardedFor is not null)
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                context.Request.Headers[name] = value;
            context.Request.Method = HttpMethods.Post;
            context.Request.Path = path;
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = json.Length;
            context.Request.Body = new MemoryStream(json);
            // What TestServer's own client sets for a request with content; without it the endpoint reads no body.
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(true));
        });

    /// <summary>GETs <paramref name="path"/>, with a bearer token when given.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string? accessToken = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return Client.SendAsync(request);
    }

    /// <summary>The token in the link of the newest email to <paramref name="address"/> whose subject contains <paramref name="subject"/>.</summary>
    public async Task<string> TokenFromEmailAsync(string address, string subject)
    {
        var message = await Mail.WaitForMessageToAsync(address, TimeSpan.FromSeconds(15), subject);
        var body = message.TextBody ?? "";
        var start = body.IndexOf("?token=", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The email '{message.Subject}' has no ?token= link:\n{body}");
        var end = body.IndexOfAny([' ', '\n', '\r'], start);
        return Uri.UnescapeDataString(body[(start + "?token=".Length)..(end < 0 ? body.Length : end)]);
    }

    /// <summary>Registers an account at <paramref name="address"/>; returns the token of the verification link emailed to it.</summary>
    public async Task<string> RegisterAsync(string address, string password)
    {
        (await PostAsync("/api/v1/auth/register", new { email = address, password, name = "Test User" })).EnsureSuccessStatusCode();
        return await TokenFromEmailAsync(address, "Confirm your email");
    }

    /// <summary>Registers and verifies an account; returns its address.</summary>
    public async Task<string> CreateVerifiedAccountAsync(string password, string? address = null)
    {
        address ??= $"user-{Guid.NewGuid():N}@example.test";
        var token = await RegisterAsync(address, password);
        (await PostAsync("/api/v1/auth/verify-email", new { token })).EnsureSuccessStatusCode();
        return address;
    }

    /// <summary>Signs in and returns the token response as JSON.</summary>
    public async Task<JsonElement> SignInAsync(string address, string password)
    {
        var response = await PostAsync("/api/v1/auth/login", new { email = address, password });
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private sealed record BodyDetection(bool CanHaveBody) : IHttpRequestBodyDetectionFeature;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Client.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var directory in new[] { _sqliteDirectory, _ownedKeyDirectory })
        {
            try
            {
                if (directory is not null)
                    Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp directory is harmless.
            }
        }
    }
}

/// <summary>Test access to the API's services.</summary>
internal static class TestApiServices
{
    public static AppDatabase GetDatabase(this IServiceProvider services) => services.GetRequiredService<AppDatabase>();

    /// <summary>Runs SQL on the API's database (seeding what no endpoint makes yet, reading what was written): the first column.</summary>
    public static async Task<List<string>> SqlAsync(this TestApi api, string sql) => [.. (await api.SqlRowsAsync(sql)).Select(row => row[0])];

    /// <summary>Runs SQL on the API's database: every column of every row, as invariant text.</summary>
    public static async Task<List<string[]>> SqlRowsAsync(this TestApi api, string sql)
    {
        var connection = await api.Services.GetDatabase().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string[]>();
            while (await reader.ReadAsync())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount)
                    .Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
            }
            return rows;
        }
    }
}
