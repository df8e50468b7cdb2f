using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary>Lockout, password reset and password change over HTTP, on both dialects.</summary>
public sealed class PasswordAndLockoutTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = "correct horse battery staple";
    private const string NewPassword = "a different long passphrase";

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Five_failed_sign_ins_lock_the_account_for_15_minutes_with_the_same_answer_as_a_wrong_password(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        string? wrongAnswer = null;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await api.PostAsync("/api/v1/auth/login", new { email = address, password = "not the password at all" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            wrongAnswer = Detail(await wrong.Content.ReadFromJsonAsync<JsonElement>());
        }

        var locked = await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(wrongAnswer, Detail(await locked.Content.ReadFromJsonAsync<JsonElement>()));
        var unknown = await api.PostAsync("/api/v1/auth/login", new { email = "nobody-" + address, password = Password });
        Assert.Equal(wrongAnswer, Detail(await unknown.Content.ReadFromJsonAsync<JsonElement>()));

        // Attempts while locked do not extend the lock, and the right password is refused until it ends.
        api.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password })).StatusCode);
        api.Time.Advance(TimeSpan.FromSeconds(2));
        await api.SignInAsync(address, Password);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Four_failed_sign_ins_do_not_lock_and_a_successful_one_starts_the_count_again(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        for (var round = 0; round < 2; round++)
        {
            for (var attempt = 0; attempt < 4; attempt++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = address, password = "not the password at all" })).StatusCode);
            await api.SignInAsync(address, Password);
        }
        Assert.Equal(["0"], await api.SqlAsync($"SELECT COUNT(*) FROM sign_in_throttles t JOIN users u ON u.id = t.user_id WHERE u.email = '{address}'"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_password_reset_sets_the_new_password_revokes_every_session_and_sends_a_notice(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var session = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();
        var rotated = await (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString() }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var otherSession = rotated.GetProperty("refreshToken").GetString();
        var bystander = await api.CreateVerifiedAccountAsync(Password);
        var bystanderSession = (await api.SignInAsync(bystander, Password)).GetProperty("refreshToken").GetString();

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/api/v1/auth/password-reset", new { email = address })).StatusCode);
        var token = await api.TokenFromEmailAsync(address, "Reset your");
        // A refused new password leaves the link unused.
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "too short" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = NewPassword })).StatusCode);

        await api.Mail.WaitForMessageToAsync(address, TimeSpan.FromSeconds(15), "was changed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = session })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = otherSession })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = bystanderSession })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password })).StatusCode);
        await api.SignInAsync(address, NewPassword);
        var reused = await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "yet another long passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_reset_link_works_for_one_hour_and_not_after(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var prompt = await api.CreateVerifiedAccountAsync(Password);
        var late = await api.CreateVerifiedAccountAsync(Password);
        await api.PostAsync("/api/v1/auth/password-reset", new { email = prompt });
        await api.PostAsync("/api/v1/auth/password-reset", new { email = late });
        var promptToken = await api.TokenFromEmailAsync(prompt, "Reset your");
        var lateToken = await api.TokenFromEmailAsync(late, "Reset your");

        api.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token = promptToken, newPassword = NewPassword })).StatusCode);
        api.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token = lateToken, newPassword = NewPassword })).StatusCode);

        await api.SignInAsync(prompt, NewPassword);
        await api.SignInAsync(late, Password);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Reset_and_resend_requests_answer_alike_for_unknown_and_known_addresses(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        foreach (var path in new[] { "/api/v1/auth/password-reset", "/api/v1/auth/verify-email/resend" })
        {
            var known = await api.PostAsync(path, new { email = address });
            var unknown = await api.PostAsync(path, new { email = "nobody-" + address });
            Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
            Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Reset_and_resend_answer_before_looking_the_address_up_so_their_timing_cannot_tell_either()
    {
        await using var api = await TestApi.StartAsync(TestApi.Postgres, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        // With the users table locked from outside, any request that read it before answering would wait.
        await using (await HeldLock.TakeAsync(api, "LOCK TABLE users IN ACCESS EXCLUSIVE MODE"))
        {
            foreach (var path in new[] { "/api/v1/auth/password-reset", "/api/v1/auth/verify-email/resend" })
            {
                foreach (var email in new[] { address, "nobody-" + address })
                {
                    var answer = api.PostAsync(path, new { email });
                    Assert.Same(answer, await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(10))));
                    Assert.Equal(HttpStatusCode.Accepted, (await answer).StatusCode);
                }
            }
        }

        // The work happens once the table is free again.
        await api.TokenFromEmailAsync(address, "Reset your");
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Wrong_current_passwords_with_a_valid_access_token_count_toward_the_same_lockout(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString();

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var wrong = await api.PostAsync("/api/v1/me/password", new { currentPassword = $"guess number {attempt}", newPassword = NewPassword }, access);
            Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            Assert.Contains("password is incorrect", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var fifth = await api.PostAsync("/api/v1/me/password", new { currentPassword = "guess number 4", newPassword = NewPassword }, access);

        Assert.Equal(HttpStatusCode.Forbidden, fifth.StatusCode);
        Assert.Contains("locked until", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The right password no longer helps, here or at sign-in, until the lock ends.
        var right = await api.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword }, access);
        Assert.Equal(HttpStatusCode.Forbidden, right.StatusCode);
        Assert.Contains("locked until", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/login", new { email = address, password = Password })).StatusCode);
        api.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword }, access)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Changing_the_password_needs_the_current_one_and_refuses_a_common_one(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString();

        var wrong = await api.PostAsync("/api/v1/me/password", new { currentPassword = "not the password", newPassword = NewPassword }, access);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var common = await api.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "scandinavian" }, access);
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword }, access)).StatusCode);
        await api.SignInAsync(address, NewPassword);
    }

    private static string? Detail(JsonElement problem) => problem.GetProperty("detail").GetString();
}
