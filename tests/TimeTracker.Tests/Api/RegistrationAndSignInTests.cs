using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TimeTracker.Accounts.Tokens;

namespace TimeTracker.Tests.Api;

/// <summary>Sign-up, email verification, sign-in, /me, refresh rotation and sign-out over HTTP, on both dialects.</summary>
public sealed class RegistrationAndSignInTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_new_user_registers_verifies_the_emailed_link_signs_in_and_reads_me(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = $"Alice-{Guid.NewGuid():N}@Example.test";

        var registered = await api.PostAsync("/api/v1/auth/register", new { email = address, password = Password, name = "Alice" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var normalized = address.ToLowerInvariant();
        var token = await api.TokenFromEmailAsync(normalized, "Confirm your email");
        var tokens = await api.SignInAsync(normalized, Password);
        var me = await api.GetAsync("/api/v1/me", tokens.GetProperty("accessToken").GetString());
        Assert.False((await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("emailVerified").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/verify-email", new { token })).StatusCode);

        me = await api.GetAsync("/api/v1/me", tokens.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var profile = await me.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(normalized, profile.GetProperty("email").GetString());
        Assert.Equal("Alice", profile.GetProperty("name").GetString());
        Assert.True(profile.GetProperty("emailVerified").GetBoolean());
        Assert.False(profile.GetProperty("totpEnabled").GetBoolean());
        Assert.Equal("Bearer", tokens.GetProperty("tokenType").GetString());
        Assert.Equal(900, tokens.GetProperty("expiresIn").GetInt32());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_verification_token_works_once(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = $"once-{Guid.NewGuid():N}@example.test";
        var token = await api.RegisterAsync(address, Password);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/verify-email", new { token })).StatusCode);
        var again = await api.PostAsync("/api/v1/auth/verify-email", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("unknown, expired or already used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_verification_token_works_until_24_hours_after_it_was_sent_and_not_after(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var prompt = $"prompt-{Guid.NewGuid():N}@example.test";
        var late = $"late-{Guid.NewGuid():N}@example.test";
        var promptToken = await api.RegisterAsync(prompt, Password);
        var lateToken = await api.RegisterAsync(late, Password);

        api.Time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/verify-email", new { token = promptToken })).StatusCode);
        api.Time.Advance(TimeSpan.FromSeconds(2));
        var expired = await api.PostAsync("/api/v1/auth/verify-email", new { token = lateToken });

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Email_tokens_are_256_random_bits_and_only_their_sha256_is_stored(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = $"stored-{Guid.NewGuid():N}@example.test";
        var verification = await api.RegisterAsync(address, Password);
        await api.PostAsync("/api/v1/auth/password-reset", new { email = address });
        var reset = await api.TokenFromEmailAsync(address, "Reset your");

        foreach (var (token, table) in new[] { (verification, "email_verification_tokens"), (reset, "password_reset_tokens") })
        {
            Assert.Equal(32, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(token).Length);
            var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
            Assert.Equal([sha256], await api.SqlAsync($"SELECT token_hash FROM {table} WHERE user_id = (SELECT id FROM users WHERE email = '{address}')"));
        }
        Assert.NotEqual(verification, reset);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Registering_a_taken_address_answers_the_same_and_emails_its_owner_instead(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        var second = await api.PostAsync("/api/v1/auth/register", new { email = address, password = "another long passphrase", name = "Mallory" });

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var notice = await api.Mail.WaitForMessageToAsync(address, TimeSpan.FromSeconds(15), "already have");
        Assert.Contains("already has one", notice.TextBody, StringComparison.Ordinal);
        // The original password still works: nothing about the account changed.
        await api.SignInAsync(address, Password);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Refresh_rotates_and_a_reused_refresh_token_revokes_the_whole_family(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var first = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();

        var rotated = await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.NotEqual(first, second);
        // The replaced token names its successor.
        Assert.Equal(["1"], await api.SqlAsync(
            $"SELECT COUNT(*) FROM refresh_tokens o JOIN refresh_tokens n ON n.id = o.replaced_by_id WHERE o.token_hash = '{SecretToken.HashOf(first!)}' AND n.token_hash = '{SecretToken.HashOf(second!)}'"));

        var reuse = await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Contains("already used", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(api.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("presented again after it had been replaced", StringComparison.Ordinal));

        // The legitimate holder of the newest token is signed out too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = second })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Two_refreshes_with_the_same_token_at_once_let_exactly_one_win_and_revoke_the_family(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var token = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();

        var responses = await Task.WhenAll(api.PostAsync("/api/v1/auth/refresh", new { refreshToken = token }), api.PostAsync("/api/v1/auth/refresh", new { refreshToken = token }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized], responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var next = (await winner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = next })).StatusCode);
    }

    [Fact]
    public async Task Two_refreshes_that_both_read_the_token_before_either_retires_it_let_exactly_one_win_and_revoke_the_family()
    {
        // The race at its closest on PostgreSQL: a lock held from outside keeps both refreshes waiting at the
        // retirement of the token, after each has read it as live and written its successor. Released, they
        // meet on the row: the second must find it retired by the first and not hand out a second successor.
        await using var api = await TestApi.StartAsync(TestApi.Postgres, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var token = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString()!;

        Task<HttpResponseMessage>[] refreshes;
        await using (var held = await HeldLock.TakeAsync(api, $"SELECT id FROM refresh_tokens WHERE token_hash = '{SecretToken.HashOf(token)}' FOR UPDATE"))
        {
            refreshes = [api.PostAsync("/api/v1/auth/refresh", new { refreshToken = token }), api.PostAsync("/api/v1/auth/refresh", new { refreshToken = token })];
            await held.WaitForWaitersAsync(2);
        }
        var responses = await Task.WhenAll(refreshes);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized], responses.Select(r => r.StatusCode).Order());
        var next = (await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = next })).StatusCode);
        // One successor was kept: the loser's was rolled back with its transaction.
        Assert.Equal(["2"], await api.SqlAsync($"SELECT COUNT(*) FROM refresh_tokens WHERE family_id = '{SecretToken.HashOf(token)}'"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite, false)]
    [InlineData(TestApi.Postgres, false)]
    [InlineData(TestApi.Sqlite, true)]
    [InlineData(TestApi.Postgres, true)]
    public async Task A_refresh_token_lasts_14_idle_days_and_a_sign_in_30_days_however_often_it_refreshes(string dialect, bool familyBegunBeforeFamiliesWereNamedAfterTheirFirstToken)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var prompt = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();
        var idle = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();
        var busy = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();
        if (familyBegunBeforeFamiliesWereNamedAfterTheirFirstToken)
            await api.SqlAsync($"UPDATE refresh_tokens SET family_id = 'an older family' WHERE token_hash = '{SecretToken.HashOf(busy!)}'");
        async Task<HttpResponseMessage> RefreshBusyAsync()
        {
            var response = await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = busy });
            if (response.StatusCode == HttpStatusCode.OK)
                busy = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
            return response;
        }

        api.Time.Advance(TimeSpan.FromDays(7));
        Assert.Equal(HttpStatusCode.OK, (await RefreshBusyAsync()).StatusCode);
        api.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = prompt })).StatusCode);
        api.Time.Advance(TimeSpan.FromMinutes(2));
        var expired = await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = idle });
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Refreshed every 7 days, the session still ends 30 days after its sign-in.
        foreach (var wait in new[] { TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7), TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1) })
        {
            Assert.Equal(HttpStatusCode.OK, (await RefreshBusyAsync()).StatusCode);
            api.Time.Advance(wait);
        }
        Assert.Equal(HttpStatusCode.OK, (await RefreshBusyAsync()).StatusCode);
        api.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshBusyAsync()).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Logout_revokes_the_family_of_the_refresh_token(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var first = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();
        var rotated = await (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = first })).Content.ReadFromJsonAsync<JsonElement>();
        var other = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout", new { refreshToken = first })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = rotated.GetProperty("refreshToken").GetString() })).StatusCode);
        // Another sign-in (another device) is not signed out.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = other })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_access_token_stops_working_after_15_minutes_and_the_30_second_skew(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString();

        api.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", access)).StatusCode);
        api.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me", access)).StatusCode);
    }
}
