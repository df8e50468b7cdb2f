using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary>
/// Sessions after a change of credentials, over HTTP on both dialects: access tokens issued before a change of
/// password, a reset, signing out everywhere, turning TOTP off or disabling the account stop working within 5
/// seconds on every replica; a reset or change also voids the pending TOTP challenges and the other reset links.
/// </summary>
public sealed class SessionEndTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = TestUsers.Password;
    private const string NewPassword = "a different long passphrase";

    /// <summary>The longest an access token of an ended session may keep working.</summary>
    private static readonly TimeSpan StampAge = TimeSpan.FromSeconds(5);

    public static TheoryData<string, string> Changes()
    {
        var data = new TheoryData<string, string>();
        foreach (var dialect in new[] { TestApi.Sqlite, TestApi.Postgres })
            foreach (var change in new[] { "password change", "password reset", "logout everywhere", "totp off", "account disabled" })
                data.Add(dialect, change);
        return data;
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task An_access_token_issued_before_a_credential_change_is_refused_once_five_seconds_have_passed(string dialect, string change)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        string address, access, refresh, secret = "";
        if (change == "totp off")
        {
            (address, secret, _, _) = await TwoFactorTests.EnableTotpAsync(api);
            api.Time.Advance(TimeSpan.FromSeconds(30));
            var signedIn = await (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await TwoFactorTests.ChallengeAsync(api, address), code = TwoFactorTests.Code(api, secret) })).Content.ReadFromJsonAsync<JsonElement>();
            (access, refresh) = (signedIn.GetProperty("accessToken").GetString()!, signedIn.GetProperty("refreshToken").GetString()!);
            api.Time.Advance(TimeSpan.FromSeconds(30));
        }
        else
        {
            address = await api.CreateVerifiedAccountAsync(Password);
            var signedIn = await api.SignInAsync(address, Password);
            (access, refresh) = (signedIn.GetProperty("accessToken").GetString()!, signedIn.GetProperty("refreshToken").GetString()!);
        }
        // The replica now remembers the account's stamp: what follows shows that memory lasts at most 5 s.
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", access)).StatusCode);

        var password = Password;
        switch (change)
        {
            case "password change":
                Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword }, access)).StatusCode);
                password = NewPassword;
                break;
            case "password reset":
                Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token = await ResetLinkAsync(api, address), newPassword = NewPassword })).StatusCode);
                password = NewPassword;
                break;
            case "logout everywhere":
                Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout-everywhere", null, access)).StatusCode);
                break;
            case "totp off":
                Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = TwoFactorTests.Code(api, secret) }, access)).StatusCode);
                break;
            case "account disabled":
                // No endpoint disables an account: an operator does it in the database, which the check reads too.
                await api.SqlAsync($"UPDATE users SET is_active = FALSE WHERE email = '{address}'");
                break;
        }
        api.Time.Advance(StampAge);

        var refused = await api.GetAsync("/api/v1/me", access);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = refresh })).StatusCode);
        if (change == "account disabled")
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = address, password })).StatusCode);
        }
        else
        {
            var fresh = (await api.SignInAsync(address, password)).GetProperty("accessToken").GetString();
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", fresh)).StatusCode);
        }
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Every_replica_refuses_the_old_access_token_within_five_seconds_and_accepts_a_new_one_at_once(string dialect)
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        await using var first = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["Jwt:SigningKey"] = key });
        await using var second = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["Jwt:SigningKey"] = key }, first.DatabaseUrl);
        var address = await first.CreateVerifiedAccountAsync(Password);
        var old = (await first.SignInAsync(address, Password)).GetProperty("accessToken").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me", old)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword }, old)).StatusCode);
        // A token issued after the change carries the new stamp: the other replica reads it again instead of refusing it.
        var fresh = (await first.SignInAsync(address, NewPassword)).GetProperty("accessToken").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me", fresh)).StatusCode);
        second.Time.Advance(StampAge);

        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me", old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me", fresh)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_totp_challenge_issued_before_a_reset_or_a_change_of_password_is_refused(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, _, _) = await TwoFactorTests.EnableTotpAsync(api);
        var beforeReset = await TwoFactorTests.ChallengeAsync(api, address);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token = await ResetLinkAsync(api, address), newPassword = NewPassword })).StatusCode);
        api.Time.Advance(TimeSpan.FromSeconds(30));
        var refused = await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = beforeReset, code = TwoFactorTests.Code(api, secret) });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("changed since it was issued", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The reset of a verified account keeps TOTP on: the new password gets a challenge, which works.
        var afterReset = await ChallengeAsync(api, address, NewPassword);
        var beforeChange = await ChallengeAsync(api, address, NewPassword);
        var signedIn = await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = afterReset, code = TwoFactorTests.Code(api, secret) });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var access = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/me/password", new { currentPassword = NewPassword, newPassword = Password }, access)).StatusCode);
        api.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = beforeChange, code = TwoFactorTests.Code(api, secret) })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_older_reset_link_is_refused_after_another_reset_or_a_change_of_password(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var links = await ResetLinksAsync(api, address, 2);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token = links[1], newPassword = NewPassword })).StatusCode);
        var older = await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token = links[0], newPassword = "an attacker's long passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, older.StatusCode);

        var pending = (await ResetLinksAsync(api, address, 3))[2];
        var access = (await api.SignInAsync(address, NewPassword)).GetProperty("accessToken").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/me/password", new { currentPassword = NewPassword, newPassword = Password }, access)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token = pending, newPassword = "an attacker's long passphrase" })).StatusCode);
        await api.SignInAsync(address, Password);
    }

    /// <summary>Requests a reset and returns the token of its link.</summary>
    internal static async Task<string> ResetLinkAsync(TestApi api, string address)
    {
        var count = (await ResetEmailsAsync(api, address)).Count;
        return (await ResetLinksAsync(api, address, count + 1))[count];
    }

    /// <summary>Requests resets until <paramref name="count"/> reset emails reached <paramref name="address"/>; returns their tokens, oldest first.</summary>
    private static async Task<List<string>> ResetLinksAsync(TestApi api, string address, int count)
    {
        for (var requested = (await ResetEmailsAsync(api, address)).Count; requested < count; requested++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/api/v1/auth/password-reset", new { email = address })).StatusCode);
            // Each email is awaited before the next request, so their order is the order of the links.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while ((await ResetEmailsAsync(api, address)).Count <= requested)
            {
                Assert.True(DateTime.UtcNow < deadline, $"Reset email {requested + 1} to {address} did not arrive within 15 s.");
                await Task.Delay(20);
            }
        }
        return [.. (await ResetEmailsAsync(api, address)).Select(m => TokenOf(m.TextBody ?? ""))];
    }

    private static async Task<List<MimeKit.MimeMessage>> ResetEmailsAsync(TestApi api, string address) =>
        [.. (await api.Mail.MessagesToAsync(address)).Where(m => (m.Subject ?? "").Contains("Reset your", StringComparison.Ordinal))];

    private static string TokenOf(string body)
    {
        var start = body.IndexOf("?token=", StringComparison.Ordinal) + "?token=".Length;
        var end = body.IndexOfAny([' ', '\n', '\r'], start);
        return Uri.UnescapeDataString(body[start..(end < 0 ? body.Length : end)]);
    }

    private static async Task<string> ChallengeAsync(TestApi api, string address, string password)
    {
        var body = await (await api.PostAsync("/api/v1/auth/login", new { email = address, password })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("mfaRequired").GetBoolean());
        return body.GetProperty("challenge").GetString()!;
    }
}
