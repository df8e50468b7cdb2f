using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary>Every form that sets a password refuses one that is long but easy to guess, over HTTP on both dialects.</summary>
public sealed class PasswordStrengthTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = TestUsers.Password;
    private const string OwnAddress = "(the user's own address)";

    public static TheoryData<string, string> WeakPasswords()
    {
        var data = new TheoryData<string, string>();
        foreach (var dialect in new[] { TestApi.Sqlite, TestApi.Postgres })
            foreach (var weak in new[] { "password123456", "qwertyuiop123", "iloveyou12345", "Test User Test User", OwnAddress })
                data.Add(dialect, weak);
        return data;
    }

    [Theory]
    [MemberData(nameof(WeakPasswords))]
    public async Task A_long_weak_password_is_refused_on_register_change_and_reset_saying_why(string dialect, string weak)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var access = (await api.SignInAsync(address, Password)).GetProperty("accessToken").GetString();
        await api.PostAsync("/api/v1/auth/password-reset", new { email = address });
        var token = await api.TokenFromEmailAsync(address, "Reset your");
        var newcomer = $"new-{Guid.NewGuid():N}@example.test";

        var register = await api.PostAsync("/api/v1/auth/register", new { email = newcomer, password = weak == OwnAddress ? newcomer : weak, name = "Test User" });
        var change = await api.PostAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = weak == OwnAddress ? address : weak }, access);
        var reset = await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = weak == OwnAddress ? address : weak });

        await AssertTooEasyAsync(register, "password");
        await AssertTooEasyAsync(change, "newPassword");
        await AssertTooEasyAsync(reset, "newPassword");
        Assert.Empty(await api.SqlAsync($"SELECT id FROM users WHERE email = '{newcomer}'"));
        // Nothing was changed or used up: the old password still works, and the link takes a strong one.
        await api.SignInAsync(address, Password);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/password-reset/confirm", new { token, newPassword = "violet anchor pumpkin ledger" })).StatusCode);
        await api.SignInAsync(address, "violet anchor pumpkin ledger");
    }

    private static async Task AssertTooEasyAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.Contains("too easy to guess", message, StringComparison.Ordinal);
        Assert.Contains("Choose four or more unrelated words", message, StringComparison.Ordinal);
    }
}
