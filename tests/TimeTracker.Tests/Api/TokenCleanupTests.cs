using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Accounts.Tokens;

namespace TimeTracker.Tests.Api;

/// <summary>Deleting ended sign-ins and used or expired email links, on both dialects, as the API left them.</summary>
public sealed class TokenCleanupTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = "correct horse battery staple";

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Cleanup_deletes_sign_ins_and_email_links_that_ended_before_the_retention_and_keeps_a_live_sign_in_whole(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var address = await api.CreateVerifiedAccountAsync(Password);
        var signedOut = await SignInAsync(api, address);
        var abandoned = await SignInAsync(api, address);
        var live = await SignInAsync(api, address);
        var firstOfLive = live;
        await api.PostAsync("/api/v1/auth/password-reset", new { email = address });
        await api.TokenFromEmailAsync(address, "Reset your");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync("/api/v1/auth/logout", new { refreshToken = signedOut })).StatusCode);
        for (var day = 0; day < 2; day++)
        {
            api.Time.Advance(TimeSpan.FromDays(10));
            live = await RefreshAsync(api, live);
        }
        var cleanup = api.Services.GetRequiredService<TokenCleanup>();

        // Day 20, keeping 7 days: the signed-out sign-in (day 0) and both email links (used, or expired after an
        // hour) ended before day 13; the abandoned one expired on day 14, after it.
        var first = await cleanup.CleanupAsync(TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal((1, 2), (first.RefreshTokens, first.EmailTokens));
        Assert.Equal(new[] { FamilyOf(abandoned), FamilyOf(firstOfLive) }.Order(StringComparer.Ordinal), await FamiliesAsync(api));
        Assert.Equal(["3"], await api.SqlAsync($"SELECT COUNT(*) FROM refresh_tokens WHERE family_id = '{FamilyOf(firstOfLive)}'"));
        Assert.Equal(["0", "0"], [.. await api.SqlAsync("SELECT COUNT(*) FROM email_verification_tokens"), .. await api.SqlAsync("SELECT COUNT(*) FROM password_reset_tokens")]);

        api.Time.Advance(TimeSpan.FromDays(2));
        var second = await cleanup.CleanupAsync(TimeSpan.FromDays(7), CancellationToken.None);

        Assert.Equal((1, 0), (second.RefreshTokens, second.EmailTokens));
        Assert.Equal([FamilyOf(firstOfLive)], await FamiliesAsync(api));
        // The live sign-in's retired tokens were kept: presenting the first one is still caught as reuse.
        var reuse = await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = firstOfLive });
        Assert.Contains("already used", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = live })).StatusCode);
    }

    private static async Task<string> SignInAsync(TestApi api, string address) =>
        (await api.SignInAsync(address, Password)).GetProperty("refreshToken").GetString()!;

    private static async Task<string> RefreshAsync(TestApi api, string token)
    {
        var response = await api.PostAsync("/api/v1/auth/refresh", new { refreshToken = token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refreshToken").GetString()!;
    }

    // A family is named after its first token.
    private static string FamilyOf(string firstToken) => SecretToken.HashOf(firstToken);

    private static async Task<List<string>> FamiliesAsync(TestApi api) =>
        [.. (await api.SqlAsync("SELECT DISTINCT family_id FROM refresh_tokens")).Order(StringComparer.Ordinal)];
}
