using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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

        var registered = await api.PostAsync("/auth/register", new { email = address, password = Password, name = "Alice" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var normalized = address.ToLowerInvariant();
        var token = await api.TokenFromEmailAsync(normalized, "Confirm your email");
        var tokens = await api.SignInAsync(normalized, Password);
        var me = await api.GetAsync("/me", tokens.GetProperty("accessToken").GetString());
        Assert.False((await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("emailVerified").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/auth/verify-email", new { token })).StatusCode);

        me = await api.GetAsync("/me", tokens.GetProperty("accessToken").GetString());
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
        await api.PostAsync("/auth/register", new { email = address, password = Password, name = "Once" });
        var token = await api.TokenFromEmailAsync(address, "Confirm your email");

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/auth/verify-email", new { token })).StatusCode);
        var again = await api.PostAsync("/auth/verify-email", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("unknown, expired or already used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_verification_token_expires_after_24_hours(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = $"late-{Guid.NewGuid():N}@example.test";
        await api.PostAsync("/auth/register", new { email = address, password = Password, name = "Late" });
        var token = await api.TokenFromEmailAsync(address, "Confirm your email");

        api.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var response = await api.PostAsync("/auth/verify-email", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Registering_a_taken_address_answers_the_same_and_emails_its_owner_instead(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        var second = await api.PostAsync("/auth/register", new { email = address, password = "another long passphrase", name = "Mallory" });

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

        var rotated = await api.PostAsync("/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var second = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.NotEqual(first, second);
        // The replaced token names its successor.
        Assert.Equal(["1"], await api.SqlAsync(
            $"SELECT COUNT(*) FROM refresh_tokens o JOIN refresh_tokens n ON n.id = o.replaced_by_id WHERE o.token_hash = '{SecretToken.HashOf(first!)}' AND n.token_hash = '{SecretToken.HashOf(second!)}'"));

        var reuse = await api.PostAsync("/auth/refresh", new { refreshToken = first });
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Contains("already used", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The legitimate holder of the newest token is signed out too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/auth/refresh", new { refreshToken = second })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Two_refreshes_with_the_same_token_at_once_let_exactly_one_win_and_revoke_the_family(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var token = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();

        var responses = await Task.WhenAll(api.PostAsync("/auth/refresh", new { refreshToken = token }), api.PostAsync("/auth/refresh", new { refreshToken = token }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized], responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var next = (await winner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/auth/refresh", new { refreshToken = next })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite, false)]
    [InlineData(TestApi.Postgres, false)]
    [InlineData(TestApi.Sqlite, true)]
    [InlineData(TestApi.Postgres, true)]
    public async Task A_refresh_token_expires_after_14_idle_days_and_any_after_30_days(string dialect, bool familyBegunBeforeFamiliesWereNamedAfterTheirFirstToken)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var idle = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();
        var busy = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();
        if (familyBegunBeforeFamiliesWereNamedAfterTheirFirstToken)
            await api.SqlAsync($"UPDATE refresh_tokens SET family_id = 'an older family' WHERE token_hash = '{SecretToken.HashOf(busy!)}'");

        for (var day = 0; day < 3; day++)
        {
            api.Time.Advance(TimeSpan.FromDays(9));
            var response = await api.PostAsync("/auth/refresh", new { refreshToken = busy });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            busy = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString();
        }

        var expired = await api.PostAsync("/auth/refresh", new { refreshToken = idle });
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Rotated every 9 days, but 30 days after sign-in the session ends anyway.
        api.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/auth/refresh", new { refreshToken = busy })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Logout_revokes_the_family_of_the_refresh_token(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var first = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();
        var rotated = await (await api.PostAsync("/auth/refresh", new { refreshToken = first })).Content.ReadFromJsonAsync<JsonElement>();
        var other = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/auth/logout", new { refreshToken = first })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/auth/refresh", new { refreshToken = rotated.GetProperty("refreshToken").GetString() })).StatusCode);
        // Another sign-in (another device) is not signed out.
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/auth/refresh", new { refreshToken = other })).StatusCode);
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
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/me", access)).StatusCode);
        api.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/me", access)).StatusCode);
    }
}
