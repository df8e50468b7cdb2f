using System.Globalization;
using System.Net;
using TimeTracker.Tests.Tracking;

namespace TimeTracker.Tests.Api;

/// <summary>
/// Invitation emails are no relay for someone else's text (issue 16, finding 7): the subject holds none, the body
/// quotes the organization's name as a name, and invitations are limited per user and per organization.
/// </summary>
public sealed class InvitationRelayTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_subject_of_an_invitation_holds_no_user_text_and_the_body_quotes_the_organizations_name(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "IT Security: your password expires today");
        // A name stored before line breaks were refused still reaches the email on one line.
        await api.SqlAsync($"UPDATE organizations SET name = 'IT Security.' || CHR(10) || CHR(10) || 'Re-validate at https://evil.test/' WHERE id = {orgId}"
            .Replace("CHR(", dialect == TestApi.Sqlite ? "CHAR(" : "CHR(", StringComparison.Ordinal));
        var invitee = $"target-{Guid.NewGuid():N}@example.test";

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee }, owner.Token)).StatusCode);

        var mail = await api.Mail.WaitForMessageToAsync(invitee, TimeSpan.FromSeconds(15), "invited");
        Assert.Equal("You are invited to join an organization on TimeTracker", mail.Subject);
        Assert.Contains("the organization named \u201CIT Security.  Re-validate at https://evil.test/\u201D on TimeTracker as a member", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\nRe-validate", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_user_may_send_only_so_many_invitations_an_hour_and_the_refusal_says_when_to_retry(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["Organizations:InvitationsPerUserPerHour"] = "3" });
        var owner = await api.SignedInAsync();
        var first = await api.OrganizationAsync(owner, "First");
        var second = await api.OrganizationAsync(owner, "Second");
        var start = api.Time.GetUtcNow();
        await InviteAsync(api, owner, first, "a@example.test", HttpStatusCode.Created);
        api.Time.Advance(TimeSpan.FromMinutes(10));
        await InviteAsync(api, owner, first, "b@example.test", HttpStatusCode.Created);
        // The same address again is a new email, so it counts too.
        await InviteAsync(api, owner, first, "b@example.test", HttpStatusCode.Created);
        api.Time.Advance(TimeSpan.FromMinutes(20));
        owner = await SignedInAgainAsync(api, owner);

        var refused = await api.PostAsync($"/api/v1/orgs/{second}/invitations", new { email = "c@example.test" }, owner.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
                $"You have sent 3 invitation(s) in the last hour; at most 3 are allowed. Try again after {start.AddHours(1).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (in 30 minute(s))."),
            await refused.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["3"], await api.SqlAsync("SELECT count(*) FROM invitations"));
        Assert.Contains(api.Log.Entries, e => e.Message.Contains($"User {owner.Id} may not invite into organization {second} now: the user limit is reached (3 sent, 3 allowed)", StringComparison.Ordinal));
        api.Time.Advance(TimeSpan.FromMinutes(30));
        owner = await SignedInAgainAsync(api, owner);
        await InviteAsync(api, owner, second, "c@example.test", HttpStatusCode.Created);
        await InviteAsync(api, owner, second, "d@example.test", HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_organization_may_send_only_so_many_invitations_a_day_whoever_sends_them(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string>
        {
            ["Organizations:InvitationsPerUserPerHour"] = "2",
            ["Organizations:InvitationsPerOrganizationPerDay"] = "4",
        });
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Busy");
        var admin = await api.SignedInAsync();
        await Team.JoinAsync(api, orgId, admin, "admin");
        var start = api.Time.GetUtcNow();
        await InviteAsync(api, owner, orgId, "a@example.test", HttpStatusCode.Created);
        await InviteAsync(api, owner, orgId, "b@example.test", HttpStatusCode.Created);
        await InviteAsync(api, admin, orgId, "c@example.test", HttpStatusCode.Created);
        api.Time.Advance(TimeSpan.FromHours(2));
        (owner, admin) = (await SignedInAgainAsync(api, owner), await SignedInAgainAsync(api, admin));
        await InviteAsync(api, admin, orgId, "d@example.test", HttpStatusCode.Created);

        var refused = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "e@example.test" }, owner.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
                $"This organization has sent 4 invitation(s) in the last 24 hours; at most 4 are allowed. Try again after {start.AddDays(1).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"),
            await refused.ProblemAsync(), StringComparison.Ordinal);
        // The owner's other organization is not held back by this one.
        var elsewhere = await api.OrganizationAsync(owner, "Quiet");
        await InviteAsync(api, owner, elsewhere, "e@example.test", HttpStatusCode.Created);
        api.Time.Advance(TimeSpan.FromHours(22));
        owner = await SignedInAgainAsync(api, owner);
        await InviteAsync(api, owner, orgId, "e@example.test", HttpStatusCode.Created);
    }

    // Access tokens last 15 minutes, and these tests move the clock by hours.
    private static Task<TestUser> SignedInAgainAsync(TestApi api, TestUser user) => api.SignedInAsync(user.Email, existing: true);

    private static async Task InviteAsync(TestApi api, TestUser inviter, long orgId, string email, HttpStatusCode expected)
    {
        var response = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email }, inviter.Token);
        Assert.True(response.StatusCode == expected, $"Inviting {email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
