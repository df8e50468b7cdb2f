using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Accounts.Passwords;

namespace TimeTracker.Tests.Api;

/// <summary>
/// The lockout under attack, over HTTP on both dialects: parallel guesses, a stranger guessing from another
/// address, repeated locks from one address, and the password reset that lifts them.
/// </summary>
public sealed class SignInThrottleTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = TestUsers.Password;
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Owner = IPAddress.Parse("198.51.100.20");

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Wrong_passwords_sent_in_parallel_are_evaluated_at_most_five_times_and_the_right_one_after_them_is_refused(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var hashing = api.Services.GetRequiredService<PasswordHashing>();
        var checksBefore = hashing.StoredHashChecks;

        var answers = await InParallelAsync(api, dialect, 16, i => api.PostAsync("/api/v1/auth/login", new { email = address, password = $"wrong guess number {i}" }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode));
        Assert.Equal(5, hashing.StoredHashChecks - checksBefore);
        var right = await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal(await DetailAsync(answers[0]), await DetailAsync(right));
        Assert.Equal(5, hashing.StoredHashChecks - checksBefore);
        api.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await api.SignInAsync(address, Password);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_strangers_failures_from_one_address_do_not_stop_the_owner_signing_in_from_another(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        for (var attempt = 0; attempt < 6; attempt++)
            Assert.Equal(StatusCodes.Status401Unauthorized, (await api.PostFromAsync(Stranger, "/api/v1/auth/login", new { email = address, password = $"guess {attempt}" })).Response.StatusCode);
        Assert.Equal(StatusCodes.Status401Unauthorized, (await api.PostFromAsync(Stranger, "/api/v1/auth/login", new { email = address, password = Password })).Response.StatusCode);

        Assert.Equal(StatusCodes.Status200OK, (await api.PostFromAsync(Owner, "/api/v1/auth/login", new { email = address, password = Password })).Response.StatusCode);
        // The owner's sign-in lifts no lock but its own address's.
        Assert.Equal(StatusCodes.Status401Unauthorized, (await api.PostFromAsync(Stranger, "/api/v1/auth/login", new { email = address, password = Password })).Response.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Addresses_of_one_ipv6_64_share_a_lock(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        for (var host = 1; host <= 5; host++)
            await api.PostFromAsync(IPAddress.Parse($"2001:db8:1:2::{host}"), "/api/v1/auth/login", new { email = address, password = $"guess {host}" });

        Assert.Equal(StatusCodes.Status401Unauthorized, (await api.PostFromAsync(IPAddress.Parse("2001:db8:1:2:ffff::6"), "/api/v1/auth/login", new { email = address, password = Password })).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await api.PostFromAsync(IPAddress.Parse("2001:db8:1:3::1"), "/api/v1/auth/login", new { email = address, password = Password })).Response.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Each_further_lock_from_the_same_address_lasts_twice_as_long_until_a_sign_in_succeeds_there(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        foreach (var minutes in new[] { 15, 30, 60 })
        {
            await FailFiveTimesAsync(api, address);
            api.Time.Advance(TimeSpan.FromMinutes(minutes) - TimeSpan.FromSeconds(1));
            Assert.Equal(StatusCodes.Status401Unauthorized, (await api.PostFromAsync(Stranger, "/api/v1/auth/login", new { email = address, password = Password })).Response.StatusCode);
            api.Time.Advance(TimeSpan.FromSeconds(2));
        }
        Assert.Equal(StatusCodes.Status200OK, (await api.PostFromAsync(Stranger, "/api/v1/auth/login", new { email = address, password = Password })).Response.StatusCode);

        // Whoever signed in from there is the owner: the next lock is a first one again.
        await FailFiveTimesAsync(api, address);
        api.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(StatusCodes.Status200OK, (await api.PostFromAsync(Stranger, "/api/v1/auth/login", new { email = address, password = Password })).Response.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_password_reset_lifts_the_locks_of_every_address(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        await FailFiveTimesAsync(api, address);
        for (var attempt = 0; attempt < 5; attempt++)
            await api.PostAsync("/api/v1/auth/login", new { email = address, password = $"guess {attempt}" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password })).StatusCode);

        await api.PostAsync("/api/v1/auth/password-reset", new { email = address });
        var token = await api.TokenFromEmailAsync(address, "Reset your");
        const string newPassword = "a different long passphrase";
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword })).StatusCode);

        Assert.Equal(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM sign_in_throttles t JOIN users u ON u.id = t.user_id WHERE u.email = '{address}'"));
        await api.SignInAsync(address, newPassword);
        Assert.Equal(StatusCodes.Status200OK, (await api.PostFromAsync(Stranger, "/api/v1/auth/login", new { email = address, password = newPassword })).Response.StatusCode);
    }

    /// <summary>
    /// Sends <paramref name="count"/> requests at once. On PostgreSQL they are first all held at the throttle's
    /// table, then let go together, so that every one of them races for the same budget.
    /// </summary>
    internal static async Task<HttpResponseMessage[]> InParallelAsync(TestApi api, string dialect, int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var held = dialect == TestApi.Postgres
            ? await HeldLock.TakeAsync(api, "LOCK TABLE sign_in_throttles IN EXCLUSIVE MODE")
            : null;
        var requests = Enumerable.Range(0, count).Select(send).ToList();
        if (held is not null)
        {
            await held.WaitForWaitersAsync(count);
            await held.DisposeAsync();
        }
        return await Task.WhenAll(requests);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage answer) =>
        (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();

    private static async Task FailFiveTimesAsync(TestApi api, string address)
    {
        for (var attempt = 0; attempt < 5; attempt++)
            Assert.Equal(StatusCodes.Status401Unauthorized, (await api.PostFromAsync(Stranger, "/api/v1/auth/login", new { email = address, password = $"guess {attempt}" })).Response.StatusCode);
    }
}
