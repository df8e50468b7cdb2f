using System.Net;
using System.Text.Json;
using TimeTracker.Tests.Tracking;

namespace TimeTracker.Tests.Api;

/// <summary>
/// What the Members screen needs beyond the first organization routes (issue 20): resending an invitation, the seats used
/// against the seats paid, and when each member joined; over HTTP on both dialects.
/// </summary>
public sealed class InvitationResendTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Resending_emails_a_new_link_with_a_fresh_expiry_and_the_old_link_stops_working(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Resender");
        var admin = await InvitationTests.JoinedAsync(api, owner, orgId, "admin");
        var invitee = $"resent-{Guid.NewGuid():N}@example.test";
        var first = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee, role = "admin" }, owner.Token).IdAsync();
        var oldToken = await api.TokenFromEmailAsync(invitee, "invited");
        api.Time.Advance(TimeSpan.FromDays(6));
        (owner, admin) = (await api.SignedInAsync(owner.Email, existing: true), await api.SignedInAsync(admin.Email, existing: true));

        var resent = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{first}/resend", null, admin.Token);

        Assert.Equal(HttpStatusCode.Created, resent.StatusCode);
        var invitation = await resent.JsonAsync();
        var second = invitation.GetProperty("id").GetInt64();
        Assert.NotEqual(first, second);
        Assert.Equal($"/api/v1/orgs/{orgId}/invitations/{second}", resent.Headers.Location?.OriginalString);
        Assert.Equal((invitee, "admin"), (invitation.GetProperty("email").GetString(), invitation.GetProperty("role").GetString()));
        Assert.Equal(api.Time.GetUtcNow().AddDays(7), invitation.GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        var newToken = await NewTokenAsync(api, invitee, oldToken);
        var pending = (await (await api.GetAsync($"/api/v1/orgs/{orgId}/invitations", owner.Token)).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal([(second, admin.Id)], pending.Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("invitedById").GetInt64())));
        Assert.Equal(["invitation.resent"],
            await api.SqlAsync($"SELECT action FROM audit_log WHERE entity_type = 'invitation' AND entity_id = '{second}' AND user_id = {admin.Id}"));
        var joiner = await api.SignedInAsync(invitee);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/invitations/accept", new { token = oldToken }, joiner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/invitations/accept", new { token = newToken }, joiner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Resending_is_refused_once_accepted_or_revoked_for_another_organizations_invitation_and_below_the_right_role(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Refusals");
        var admin = await InvitationTests.JoinedAsync(api, owner, orgId, "admin");
        var member = await InvitationTests.JoinedAsync(api, owner, orgId, "member");
        var accepted = long.Parse((await api.SqlAsync($"SELECT min(id) FROM invitations WHERE organization_id = {orgId}"))[0],
            System.Globalization.CultureInfo.InvariantCulture);
        var revoked = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "gone@example.test" }, owner.Token).IdAsync();
        await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{revoked}", owner.Token);
        var asOwner = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "co@example.test", role = "owner" }, owner.Token).IdAsync();
        var plain = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "plain@example.test" }, owner.Token).IdAsync();
        var otherOwner = await api.SignedInAsync();
        var otherOrg = await api.OrganizationAsync(otherOwner, "Elsewhere");
        var theirs = await api.PostAsync($"/api/v1/orgs/{otherOrg}/invitations", new { email = "theirs@example.test" }, otherOwner.Token).IdAsync();
        var before = await api.SqlAsync("SELECT count(*) FROM invitations");

        var wasAccepted = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{accepted}/resend", null, owner.Token);
        var wasRevoked = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{revoked}/resend", null, owner.Token);

        Assert.Equal(HttpStatusCode.Conflict, wasAccepted.StatusCode);
        Assert.Contains("was accepted, so there is nothing to resend", await wasAccepted.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, wasRevoked.StatusCode);
        Assert.Contains("was revoked or replaced by a newer one", await wasRevoked.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{theirs}/resend", null, owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/orgs/{otherOrg}/invitations/{theirs}/resend", null, owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{plain}/resend", null, member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{asOwner}/resend", null, admin.Token)).StatusCode);
        Assert.Equal(before, await api.SqlAsync("SELECT count(*) FROM invitations"));
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{asOwner}/resend", null, owner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Resending_counts_against_the_invitation_limits_since_each_is_an_email(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server, new Dictionary<string, string> { ["Organizations:InvitationsPerUserPerHour"] = "2" });
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Eager");
        var id = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "again@example.test" }, owner.Token).IdAsync();
        var second = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{id}/resend", null, owner.Token).IdAsync();

        var third = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{second}/resend", null, owner.Token);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("You have sent 2 invitation(s) in the last hour; at most 2 are allowed", await third.ProblemAsync(), StringComparison.Ordinal);
        Assert.True(third.Headers.RetryAfter is not null);
        Assert.Equal([second.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            await api.SqlAsync($"SELECT id FROM invitations WHERE organization_id = {orgId} AND revoked_at IS NULL"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Seats_count_members_and_pending_invitations_against_the_paid_quantity_and_resending_an_expired_one_needs_a_seat(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Counted");
        var member = await InvitationTests.JoinedAsync(api, owner, orgId, "member");
        var pending = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "waiting@example.test" }, owner.Token).IdAsync();

        Assert.Equal((3, null, 2, 1), await SeatsAsync(api, orgId, owner));
        await api.SqlAsync($"UPDATE organizations SET stripe_subscription_status = 'active', subscription_quantity = 3 WHERE id = {orgId}");
        Assert.Equal((3, 3, 2, 1), await SeatsAsync(api, orgId, owner));
        // A pending invitation resent replaces itself: no extra seat.
        pending = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{pending}/resend", null, owner.Token).IdAsync();
        Assert.Equal((3, 3, 2, 1), await SeatsAsync(api, orgId, owner));
        // An expired one holds no seat, so resending it needs one.
        api.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        owner = await api.SignedInAsync(owner.Email, existing: true);
        Assert.Equal((2, 3, 2, 0), await SeatsAsync(api, orgId, owner));
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "newer@example.test" }, owner.Token).IdAsync();
        var full = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations/{pending}/resend", null, owner.Token);
        Assert.Equal(HttpStatusCode.Conflict, full.StatusCode);
        Assert.Contains("The subscription has 3 seat(s), and members and pending invitations take 3", await full.ProblemAsync(), StringComparison.Ordinal);

        member = await api.SignedInAsync(member.Email, existing: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/orgs/{orgId}/seats", member.Token)).StatusCode);
        var stranger = await api.SignedInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/orgs/{orgId}/seats", stranger.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Members_are_listed_with_when_they_joined(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var founded = api.Time.GetUtcNow();
        var orgId = await api.OrganizationAsync(owner, "Dated");
        api.Time.Advance(TimeSpan.FromDays(3));
        var member = await api.SignedInAsync();
        await Team.JoinAsync(api, orgId, member, "member");
        var joined = await api.SqlAsync($"SELECT created_at FROM memberships WHERE user_id = {member.Id}");
        owner = await api.SignedInAsync(owner.Email, existing: true);

        var page = await (await api.GetAsync($"/api/v1/orgs/{orgId}/members", owner.Token)).JsonAsync();

        var members = page.GetProperty("items").EnumerateArray().ToDictionary(m => m.GetProperty("userId").GetInt64(), m => m.GetProperty("joinedAt").GetDateTimeOffset());
        Assert.Equal(founded, members[owner.Id], TimeSpan.FromSeconds(1));
        Assert.Equal(DateTimeOffset.Parse(joined[0], System.Globalization.CultureInfo.InvariantCulture), members[member.Id], TimeSpan.FromMilliseconds(1));
        var changed = await (await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{member.Id}", new { role = "admin" }, owner.Token)).JsonAsync();
        Assert.Equal(members[member.Id], changed.GetProperty("joinedAt").GetDateTimeOffset());
    }

    private static async Task<(int Used, int? Paid, int Members, int PendingInvitations)> SeatsAsync(TestApi api, long orgId, TestUser caller)
    {
        var response = await api.GetAsync($"/api/v1/orgs/{orgId}/seats", caller.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var seats = await response.JsonAsync();
        Assert.Equal(["members", "paid", "pendingInvitations", "used"], seats.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        return (seats.GetProperty("used").GetInt32(), seats.GetProperty("paid").ValueKind == JsonValueKind.Null ? null : seats.GetProperty("paid").GetInt32(),
            seats.GetProperty("members").GetInt32(), seats.GetProperty("pendingInvitations").GetInt32());
    }

    // The emails go out after the response: the invitation email to the address whose token is not the old one.
    private static async Task<string> NewTokenAsync(TestApi api, string address, string oldToken)
    {
        for (var tries = 0; tries < 300; tries++)
        {
            var tokens = (await api.Mail.WaitForMessagesAsync(1, TimeSpan.FromSeconds(15)))
                .Where(m => m.To.ToString().Contains(address, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? "").Contains("invited", StringComparison.Ordinal))
                .Select(m => InvitationTests.Token(m.TextBody)).Where(t => t != oldToken).ToList();
            if (tokens.Count > 0)
                return Assert.Single(tokens);
            await Task.Delay(50);
        }
        throw new TimeoutException($"No second invitation email to {address} arrived.");
    }
}
