using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Passwords;
using TimeTracker.Database;
using TimeTracker.Hosting;
using TimeTracker.Tests.Cli;
using Waymark.Execution;
using Waymark.Testing;

namespace TimeTracker.Tests.Api;

/// <summary>What the host decides for itself: health against the schema, password rehashing when the hash's algorithm or cost changes.</summary>
public sealed class HostPolicyTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Health_is_503_when_the_schema_falls_behind_head_and_logs_the_revision(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        await new Migrator(TimeTrackerDatabase.LoadGraph(), TimeTrackerDatabase.Providers().Create(api.DatabaseUrl)).DowngradeAsync("-1", CancellationToken.None);

        var response = await api.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        AssertStatusAlone(health, "unhealthy");
        Assert.Contains(api.Log.Entries, e => e.Message.Contains($"the schema is at {ExpectedChain.Before(ExpectedChain.Head)}, not at head {ExpectedChain.Head}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestApi.Sqlite, "replaced")]
    [InlineData(TestApi.Sqlite, "deleted")]
    [InlineData(TestApi.Postgres, "dropped")]
    public async Task Health_is_503_with_the_status_alone_when_the_database_is_lost_after_start_and_the_error_goes_to_the_log(string dialect, string how)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health")).StatusCode);
        var leftover = await LoseDatabaseAsync(api, how);
        try
        {
            var response = await api.GetAsync("/health");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            // The database's own message (paths, hosts, users) is for the operator, not for an anonymous caller.
            AssertStatusAlone(health, "unhealthy");
            var logged = Assert.Single(api.Log.Entries, e => e.Category == "TimeTracker.Web.Endpoints.HealthEndpoint");
            // A swapped file still answers on the pool's open connections (they hold the old one); the version check, on a new connection, fails.
            if (how != "replaced")
                Assert.StartsWith("/health: the database cannot be reached: ", logged.Message, StringComparison.Ordinal);
            if (how == "deleted")
                Assert.False(File.Exists(api.DatabaseUrl["sqlite:///".Length..]), "a request created a new, empty database where the file had gone");
        }
        finally
        {
            if (leftover is not null)
                Directory.Delete(leftover, recursive: true);
        }
    }

    private static void AssertStatusAlone(JsonElement health, string status)
    {
        Assert.Equal(status, health.GetProperty("status").GetString());
        Assert.Equal(["status"], health.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_password_hashed_at_another_cost_is_rehashed_at_the_next_sign_in(string dialect)
    {
        var (before, after) = await HashesAcrossAConfigurationChangeAsync(dialect, Cost(memory: 64), Cost(memory: 128));

        Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", before, StringComparison.Ordinal);
        Assert.StartsWith("$argon2id$v=19$m=128,t=1,p=1$", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_PBKDF2_hash_from_before_Argon2id_still_signs_in_and_is_replaced_by_an_Argon2id_one(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, pbkdf2) = await AccountWithPbkdf2HashAsync(api);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password + "!" })).StatusCode);
        Assert.Equal(pbkdf2, await HashAsync(api, address));
        await api.SignInAsync(address, Password);

        var replaced = await HashAsync(api, address);
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", replaced, StringComparison.Ordinal);
        await api.SignInAsync(address, Password);
        Assert.Equal(replaced, await HashAsync(api, address));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task At_start_the_server_finds_each_kind_of_hash_the_accounts_hold_and_a_refusal_checks_one_of_each(string dialect)
    {
        await using var before = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, pbkdf2) = await AccountWithPbkdf2HashAsync(before);

        await using var api = await TestApi.StartAsync(dialect, smtp.Server,
            new Dictionary<string, string> { ["Logging:LogLevel:TimeTracker.Accounts.Passwords"] = "Information" }, before.DatabaseUrl);
        var hashing = api.Services.GetRequiredService<PasswordHashing>();

        Assert.Equal([hashing.CurrentKind, PasswordHashKind.Of(pbkdf2)], hashing.Kinds);
        Assert.Contains(api.Log.Entries, e => e.Message.Contains($"besides the configured {hashing.CurrentKind}: {PasswordHashKind.Of(pbkdf2)}", StringComparison.Ordinal));
        var checks = hashing.Checks;
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = "nobody-" + address, password = Password })).StatusCode);
        Assert.Equal(2, hashing.Checks - checks);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_rehash_never_undoes_a_password_changed_since_its_check(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var checkedHash = await HashAsync(api, address);
        await SetHashAsync(api, address, "the hash of a password changed meanwhile");
        using var scope = api.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserStore>();
        var user = await users.FindByEmailAsync(address, CancellationToken.None);
        var session = await api.Services.GetDatabase().OpenSessionAsync(CancellationToken.None);
        await using (session)
        {
            await users.RehashPasswordAsync(session, user!.Id, checkedHash, "rehashed", CancellationToken.None);
            Assert.Equal("the hash of a password changed meanwhile", await HashAsync(api, address));

            await users.RehashPasswordAsync(session, user.Id, "the hash of a password changed meanwhile", "rehashed", CancellationToken.None);
            Assert.Equal("rehashed", await HashAsync(api, address));
        }
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task With_PBKDF2_configured_a_password_hashed_with_fewer_iterations_is_rehashed_at_the_next_sign_in(string dialect)
    {
        var (before, after) = await HashesAcrossAConfigurationChangeAsync(dialect, Pbkdf2(iterations: 10_000), Pbkdf2(iterations: 20_000));

        // Identity's v3 format: marker byte, PRF, then the iteration count, big-endian, at bytes 5..8.
        Assert.Equal(10_000, IterationsOf(before));
        Assert.Equal(20_000, IterationsOf(after));
    }

    [Theory]
    [InlineData("Accounts:PasswordHash:Algorithm", "bcrypt", "Accounts:PasswordHash:Algorithm is 'bcrypt'; it must be Argon2id")]
    [InlineData("Accounts:PasswordHash:MemorySize", "4", "Accounts:PasswordHash:MemorySize is 4; it must be from 8")]
    [InlineData("Accounts:PasswordHash:Iterations", "0", "Accounts:PasswordHash:Iterations is 0; it must be at least 1")]
    [InlineData("Accounts:PasswordHasher:IterationCount", "0", "Accounts:PasswordHasher:IterationCount is 0; it must be at least 1")]
    public async Task An_unusable_password_hash_setting_stops_the_start_naming_it(string key, string value, string expected)
    {
        var refused = await Assert.ThrowsAsync<ApiConfigurationException>(() => TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string, string> { [key] = value }));

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Pbkdf2(int iterations) =>
        new() { ["Accounts:PasswordHash:Algorithm"] = "PBKDF2", ["Accounts:PasswordHasher:IterationCount"] = iterations.ToString(CultureInfo.InvariantCulture) };

    /// <summary>
    /// The password hash of an account made under <paramref name="before"/>, and after its first sign-in under
    /// <paramref name="after"/> on the same database; a second sign-in keeps the new hash.
    /// </summary>
    private async Task<(string Before, string After)> HashesAcrossAConfigurationChangeAsync(string dialect, Dictionary<string, string> before,
        Dictionary<string, string> after)
    {
        // The first host stays up (it owns the database's temp directory); the second is the same database after a configuration change.
        await using var first = await TestApi.StartAsync(dialect, smtp.Server, before);
        var address = await first.CreateVerifiedAccountAsync(Password);
        var hashBefore = await HashAsync(first, address);

        await using var second = await TestApi.StartAsync(dialect, smtp.Server, after, first.DatabaseUrl);
        await second.SignInAsync(address, Password);
        var hashAfter = await HashAsync(second, address);
        await second.SignInAsync(address, Password);
        Assert.Equal(hashAfter, await HashAsync(second, address));
        return (hashBefore, hashAfter);
    }

    private static Dictionary<string, string> Cost(int memory) =>
        new() { ["Accounts:PasswordHash:MemorySize"] = memory.ToString(CultureInfo.InvariantCulture), ["Accounts:PasswordHash:Iterations"] = "1" };

    /// <summary>
    /// Makes the database unreachable: PostgreSQL's is dropped (its connections cut); SQLite's file is deleted, or its
    /// directory is swapped, in one rename, for one whose database file is not SQLite. Returns the directory to delete.
    /// </summary>
    private static async Task<string?> LoseDatabaseAsync(TestApi api, string how)
    {
        if (how == "dropped")
        {
            await PostgresServer.Instance.ExecuteAsync($"DROP DATABASE \"{new Uri(api.DatabaseUrl).AbsolutePath.TrimStart('/')}\" WITH (FORCE)");
            return null;
        }
        var file = api.DatabaseUrl["sqlite:///".Length..];
        if (how == "deleted")
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
            return null;
        }
        var directory = Path.GetDirectoryName(file)!;
        var replacement = directory + "-replacement";
        Directory.CreateDirectory(replacement);
        await File.WriteAllTextAsync(Path.Combine(replacement, Path.GetFileName(file)), new string('x', 4096));
        var gone = directory + "-gone";
        Directory.Move(directory, gone);
        Directory.Move(replacement, directory);
        return gone;
    }

    private static async Task<string> HashAsync(TestApi api, string address)
    {
        var connection = await api.Services.GetDatabase().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT password_hash FROM users WHERE email = @email";
            command.Parameters.Add(Parameter(command, "email", address));
            return (string)(await command.ExecuteScalarAsync())!;
        }
    }

    /// <summary>A new verified account whose password hash is replaced with one Identity's PBKDF2 made, as before Argon2id.</summary>
    private static async Task<(string Address, string Hash)> AccountWithPbkdf2HashAsync(TestApi api)
    {
        var address = await api.CreateVerifiedAccountAsync(Password);
        var hash = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 })).HashPassword(null!, Password);
        await SetHashAsync(api, address, hash);
        return (address, hash);
    }

    private static async Task SetHashAsync(TestApi api, string address, string hash)
    {
        var connection = await api.Services.GetDatabase().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE users SET password_hash = @hash WHERE email = @email";
            command.Parameters.Add(Parameter(command, "hash", hash));
            command.Parameters.Add(Parameter(command, "email", address));
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }

    private static int IterationsOf(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }
}
