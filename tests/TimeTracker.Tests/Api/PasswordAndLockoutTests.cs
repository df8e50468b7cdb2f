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
            var wrong = await api.PostAsync("/auth/login", new { email = address, password = "not the password at all" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            wrongAnswer = Detail(await wrong.Content.ReadFromJsonAsync<JsonElement>());
        }

        var locked = await api.PostAsync("/auth/login", new { email = address, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal(wrongAnswer, Detail(await locked.Content.ReadFromJsonAsync<JsonElement>()));
        var unknown = await api.PostAsync("/auth/login", new { email = "nobody-" + address, password = Password });
        Assert.Equal(wrongAnswer, Detail(await unknown.Content.ReadFromJsonAsync<JsonElement>()));

        api.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        await api.SignInAsync(address, Password);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_password_reset_sets_the_new_password_revokes_every_session_and_sends_a_notice(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var session = (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString();

        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/auth/password-reset", new { email = address })).StatusCode);
        var token = await api.TokenFromEmailAsync(address, "Reset your");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/auth/password-reset/confirm", new { token, newPassword = NewPassword })).StatusCode);

        await api.Mail.WaitForMessageToAsync(address, TimeSpan.FromSeconds(15), "was changed");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/auth/refresh", new { refreshToken = session })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/auth/login", new { email = address, password = Password })).StatusCode);
        await api.SignInAsync(address, NewPassword);
        var reused = await api.PostAsync("/auth/password-reset/confirm", new { token, newPassword = "yet another long passphrase" });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_reset_link_expires_after_one_hour(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        await api.PostAsync("/auth/password-reset", new { email = address });
        var token = await api.TokenFromEmailAsync(address, "Reset your");

        api.Time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/auth/password-reset/confirm", new { token, newPassword = NewPassword })).StatusCode);
        await api.SignInAsync(address, Password);
    }

    [Fact]
    public async Task Reset_and_resend_requests_answer_alike_for_unknown_and_known_addresses()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);

        foreach (var path in new[] { "/auth/password-reset", "/auth/verify-email/resend" })
        {
            var known = await api.PostAsync(path, new { email = address });
            var unknown = await api.PostAsync(path, new { email = "nobody-" + address });
            Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
            Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Changing_the_password_needs_the_current_one_and_refuses_a_common_one(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString();

        var wrong = await api.PostAsync("/me/password", new { currentPassword = "not the password", newPassword = NewPassword }, access);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var common = await api.PostAsync("/me/password", new { currentPassword = Password, newPassword = "scandinavian" }, access);
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/me/password", new { currentPassword = Password, newPassword = NewPassword }, access)).StatusCode);
        await api.SignInAsync(address, NewPassword);
    }

    private static string? Detail(JsonElement problem) => problem.GetProperty("detail").GetString();
}
