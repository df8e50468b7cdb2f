using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace TimeTracker.Tests.Api;

/// <summary>TOTP over HTTP on both dialects: setup, enable, the sign-in challenge, replay protection, backup codes, disable.</summary>
public sealed class TwoFactorTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Enabling_totp_turns_sign_in_into_a_challenge_completed_with_a_current_code(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, backupCodes, _) = await EnableTotpAsync(api);
        Assert.Equal(10, backupCodes.Count);
        Assert.Equal(10, backupCodes.Distinct().Count());

        api.Time.Advance(TimeSpan.FromSeconds(30));
        var challenge = await ChallengeAsync(api, address);
        var tokens = await api.PostAsync("/api/v1/auth/login/2fa", new { challenge, code = Code(api, secret) });

        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        var access = (await tokens.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var me = await (await api.GetAsync("/api/v1/me", access)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(me.GetProperty("totpEnabled").GetBoolean());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_code_accepted_once_is_never_accepted_again_even_within_its_window(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, _, _) = await EnableTotpAsync(api);
        api.Time.Advance(TimeSpan.FromSeconds(30));
        var code = Code(api, secret);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), code })).StatusCode);

        var replay = await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), code });

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Contains("already used", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Nor is the code of the step before, though it is inside the ±1 window.
        var previous = TotpCodes(secret, api.Time.GetUtcNow().AddSeconds(-30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), code = previous })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_backup_code_signs_in_once(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, _, backupCodes, _) = await EnableTotpAsync(api);

        var first = await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), backupCode = backupCodes[3].ToUpperInvariant() });
        var again = await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), backupCode = backupCodes[3] });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), backupCode = backupCodes[4] })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Backup_codes_are_stored_hashed_and_the_secret_encrypted(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, backupCodes, _) = await EnableTotpAsync(api);

        var connection = await api.Services.GetDatabase().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT totp_secret, backup_codes FROM users WHERE email = '{address}'";
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var storedSecret = reader.GetString(0);
            var storedCodes = reader.GetString(1);
            Assert.DoesNotContain(secret, storedSecret, StringComparison.OrdinalIgnoreCase);
            foreach (var code in backupCodes)
            {
                Assert.DoesNotContain(code, storedCodes, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), storedCodes, StringComparison.OrdinalIgnoreCase);
            }

            // The secret is Data Protection's ciphertext: the app's key ring opens it, with its purpose and no other.
            var sealedSecret = WebEncoders.Base64UrlDecode(storedSecret);
            var rawSecret = Base32Encoding.ToBytes(secret);
            Assert.True(sealedSecret.AsSpan().IndexOf(rawSecret) < 0);
            var protection = api.Services.GetRequiredService<IDataProtectionProvider>();
            Assert.Equal(rawSecret, protection.CreateProtector("TimeTracker.Accounts.TotpSecret.v1").Unprotect(sealedSecret));
            Assert.ThrowsAny<CryptographicException>(() => protection.CreateProtector("some other purpose").Unprotect(sealedSecret));
            // Each code is kept as the SHA-256 of its letters and digits, lower case, and as nothing else.
            var hashes = JsonSerializer.Deserialize<string[]>(storedCodes)!;
            Assert.Equal(
                backupCodes.Select(c => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(c.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())))).Order(),
                hashes.Order());
        }
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Disabling_needs_the_password_and_a_current_code(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, _, access) = await EnableTotpAsync(api);
        api.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/disable", new { password = "not the password", code = Code(api, secret) }, access)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = "000000" }, access)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = Code(api, secret) }, access)).StatusCode);

        var tokens = await api.SignInAsync(address, Password);
        Assert.True(tokens.TryGetProperty("accessToken", out _));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Wrong_passwords_and_codes_when_disabling_count_toward_lockout_and_a_lock_keeps_totp_on(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, _, access) = await EnableTotpAsync(api);
        api.Time.Advance(TimeSpan.FromSeconds(30));

        for (var attempt = 0; attempt < 2; attempt++)
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/disable", new { password = "not the password", code = Code(api, secret) }, access)).StatusCode);
        for (var attempt = 0; attempt < 2; attempt++)
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/backup-codes", new { password = Password, code = "000000" }, access)).StatusCode);
        var fifth = await api.PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = "000000" }, access);
        Assert.Contains("locked until", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await api.PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = Code(api, secret) }, access);
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
        Assert.True((await (await api.GetAsync("/api/v1/me", access)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totpEnabled").GetBoolean());
        Assert.Equal(["1"], await api.SqlAsync($"SELECT CASE WHEN t.locked_until IS NULL THEN 0 ELSE 1 END FROM sign_in_throttles t JOIN users u ON u.id = t.user_id WHERE u.email = '{address}'"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Regenerating_backup_codes_needs_a_code_and_retires_the_old_ones(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, oldCodes, access) = await EnableTotpAsync(api);
        api.Time.Advance(TimeSpan.FromSeconds(30));
        var storedBefore = await api.SqlAsync($"SELECT backup_codes FROM users WHERE email = '{address}'");

        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/backup-codes", new { password = "not the password", code = Code(api, secret) }, access)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/backup-codes", new { password = Password, code = "000000" }, access)).StatusCode);
        Assert.Equal(storedBefore, await api.SqlAsync($"SELECT backup_codes FROM users WHERE email = '{address}'"));
        var response = await api.PostAsync("/api/v1/auth/2fa/backup-codes", new { password = Password, code = Code(api, secret) }, access);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newCodes = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("backupCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), backupCode = oldCodes[0] })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), backupCode = newCodes[0] })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_challenge_expires_after_five_minutes_and_wrong_codes_count_toward_lockout(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, _, _) = await EnableTotpAsync(api);
        var prompt = await ChallengeAsync(api, address);
        var challenge = await ChallengeAsync(api, address);

        api.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = prompt, code = Code(api, secret) })).StatusCode);
        api.Time.Advance(TimeSpan.FromSeconds(2));
        var expired = await api.PostAsync("/api/v1/auth/login/2fa", new { challenge, code = Code(api, secret) });
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge = await ChallengeAsync(api, address), code = "000000" })).StatusCode);
        var locked = await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Codes_sent_in_parallel_on_one_challenge_are_evaluated_at_most_the_remaining_budget(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, _, _) = await EnableTotpAsync(api);
        api.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = address, password = "not the password" })).StatusCode);
        var challenge = await ChallengeAsync(api, address);
        var current = Code(api, secret);
        var wrong = Enumerable.Range(0, 13).Select(i => (100000 + (i * 65537)).ToString(System.Globalization.CultureInfo.InvariantCulture)).Where(c => c != current).Take(12).ToList();

        var answers = await SignInThrottleTests.InParallelAsync(api, dialect, 12, i => api.PostAsync("/api/v1/auth/login/2fa", new { challenge, code = wrong[i] }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode));
        var titles = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()));
        // One wrong password and four codes: the budget of five.
        Assert.Equal(4, titles.Count(t => t == "Wrong code"));
        Assert.Equal(8, titles.Count(t => t == "Sign-in refused"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login/2fa", new { challenge, code = current })).StatusCode);
    }

    [Fact]
    public async Task Setup_without_a_token_is_401_enable_without_setup_is_409_and_enable_with_a_wrong_code_is_400()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString();

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/2fa/setup", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync("/api/v1/auth/2fa/enable", new { password = Password, code = "123456" }, access)).StatusCode);

        var secret = (await (await api.PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, access)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var wrong = Code(api, secret) == "000000" ? "111111" : "000000";
        var refused = await api.PostAsync("/api/v1/auth/2fa/enable", new { password = Password, code = wrong }, access);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("does not match", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await (await api.GetAsync("/api/v1/me", access)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totpEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_stolen_access_token_alone_cannot_set_up_or_enable_totp_and_wrong_passwords_count_toward_lockout(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/auth/2fa/setup", new { }, access)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/setup", new { password = "not the password" }, access)).StatusCode);
        Assert.Equal(["0"], await api.SqlAsync($"SELECT count(totp_secret) FROM users WHERE email = '{address}'"));
        // Once a secret is set up, enabling it needs the password as well.
        var secret = (await (await api.PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, access)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/auth/2fa/enable", new { code = Code(api, secret) }, access)).StatusCode);
        for (var attempt = 0; attempt < 3; attempt++)
            Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/enable", new { password = "not the password", code = Code(api, secret) }, access)).StatusCode);
        var fifth = await api.PostAsync("/api/v1/auth/2fa/setup", new { password = "not the password" }, access);

        Assert.Equal(HttpStatusCode.Forbidden, fifth.StatusCode);
        Assert.Contains("locked until", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync("/api/v1/auth/2fa/enable", new { password = Password, code = Code(api, secret) }, access)).StatusCode);
        Assert.False((await (await api.GetAsync("/api/v1/me", access)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totpEnabled").GetBoolean());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Enabling_totp_ends_every_other_session_and_gives_the_caller_new_tokens(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var other = await api.SignInAsync(address, Password);
        var caller = await api.SignInAsync(address, Password);
        var otherAccess = other.GetProperty("accessToken").GetString();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", otherAccess)).StatusCode);
        var callerAccess = caller.GetProperty("accessToken").GetString();
        var secret = (await (await api.PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, callerAccess)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;

        var enabled = await (await api.PostAsync("/api/v1/auth/2fa/enable", new { password = Password, code = Code(api, secret) }, callerAccess)).Content.ReadFromJsonAsync<JsonElement>();
        api.Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me", otherAccess)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = other.GetProperty("refreshToken").GetString() })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me", callerAccess)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = caller.GetProperty("refreshToken").GetString() })).StatusCode);
        Assert.Equal(10, enabled.GetProperty("backupCodes").GetArrayLength());
        Assert.Equal("Bearer", enabled.GetProperty("tokenType").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me", enabled.GetProperty("accessToken").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = enabled.GetProperty("refreshToken").GetString() })).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_owner_is_emailed_when_totp_is_turned_on_and_when_it_is_turned_off(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var (address, secret, _, access) = await EnableTotpAsync(api);
        var on = await api.Mail.WaitForMessageToAsync(address, TimeSpan.FromSeconds(15), "turned on");
        Assert.Contains("If you did not do this", on.TextBody, StringComparison.Ordinal);

        api.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/2fa/disable", new { password = Password, code = Code(api, secret) }, access)).StatusCode);

        var off = await api.Mail.WaitForMessageToAsync(address, TimeSpan.FromSeconds(15), "turned off");
        Assert.Contains("If you did not do this", off.TextBody, StringComparison.Ordinal);
    }

    /// <summary>A verified account with TOTP on: its address, secret, backup codes and the access token enabling gave it.</summary>
    internal static async Task<(string Address, string Secret, List<string> BackupCodes, string Access)> EnableTotpAsync(TestApi api)
    {
        var address = await api.CreateVerifiedAccountAsync(Password);
        var access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString()!;
        var setup = await (await api.PostAsync("/api/v1/auth/2fa/setup", new { password = Password }, access)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = setup.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/TimeTracker:", setup.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);
        var enabled = await api.PostAsync("/api/v1/auth/2fa/enable", new { password = Password, code = Code(api, secret) }, access);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var body = await enabled.Content.ReadFromJsonAsync<JsonElement>();
        var codes = body.GetProperty("backupCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        // Enabling ends every other session, the caller's old tokens included: the answer carries the caller's new ones.
        return (address, secret, codes, body.GetProperty("accessToken").GetString()!);
    }

    internal static async Task<string> ChallengeAsync(TestApi api, string address)
    {
        var response = await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("mfaRequired").GetBoolean());
        Assert.False(body.TryGetProperty("accessToken", out _));
        return body.GetProperty("challenge").GetString()!;
    }

    internal static string Code(TestApi api, string base32Secret) => TotpCodes(base32Secret, api.Time.GetUtcNow());

    private static string TotpCodes(string base32Secret, DateTimeOffset at) => new Totp(Base32Encoding.ToBytes(base32Secret)).ComputeTotp(at.UtcDateTime);
}
