using System.Net;

namespace TimeTracker.Tests.Api;

/// <summary>
/// <c>Site:PublicUrl</c> is the web app's address that every emailed link and Stripe return URL starts with
/// (docs/api.md, "Configuration"); <c>Accounts:PublicUrl</c>, its earlier key, still works and loses to it.
/// </summary>
public sealed class SitePublicUrlTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Fact]
    public async Task Site_PublicUrl_starts_the_emailed_links_and_wins_over_the_older_Accounts_key()
    {
        // TestApi sets Accounts:PublicUrl to https://app.example.test.
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server, new Dictionary<string,
            string> { ["Site:PublicUrl"] = "https://site.example.test/" });
        var address = $"site-{Guid.NewGuid():N}@example.test";

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/auth/register", new { email = address, password = TestUsers.Password,
            name = "Site" })).StatusCode);

        var message = await api.Mail.WaitForMessageToAsync(address, TimeSpan.FromSeconds(15), "Confirm your email");
        Assert.Contains("\nhttps://site.example.test/verify-email?token=", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("app.example.test", message.TextBody, StringComparison.Ordinal);
    }
}
