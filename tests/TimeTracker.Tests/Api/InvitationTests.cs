using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary>Invitations and seats over HTTP, on both dialects.</summary>
public sealed class InvitationTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private const string Password = TestUsers.Password;

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_invited_person_signs_up_with_the_address_accepts_and_becomes_a_member_with_the_role(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Acme");
        var invitee = $"new-{Guid.NewGuid():N}@example.test";

        var invited = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee, role = "admin" }, owner.Token);

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal("admin", (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        var token = await api.TokenFromEmailAsync(invitee, "invited");
        var joiner = await api.SignedInAsync(invitee);
        var accepted = await api.PostAsync("/api/v1/invitations/accept", new { token }, joiner.Token);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var membership = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((orgId, "admin"), (membership.GetProperty("id").GetInt64(), membership.GetProperty("role").GetString()));
        var members = await (await api.GetAsync($"/api/v1/orgs/{orgId}/members", owner.Token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(members.GetProperty("items").EnumerateArray(), m => m.GetProperty("email").GetString() == invitee && m.GetProperty("role").GetString() == "admin");
        Assert.Equal(["invitation.created", "invitation.accepted"], await api.SqlAsync("SELECT action FROM audit_log WHERE entity_type = 'invitation' ORDER BY id"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/invitations/accept", new { token }, joiner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Another_account_cannot_use_the_link_and_the_invitee_still_can(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Guarded");
        var invitee = $"right-{Guid.NewGuid():N}@example.test";
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee }, owner.Token);
        var token = await api.TokenFromEmailAsync(invitee, "invited");
        var stranger = await api.SignedInAsync();

        var wrong = await api.PostAsync("/api/v1/invitations/accept", new { token }, stranger.Token);

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Contains("another email address", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var right = await api.SignedInAsync(invitee);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/invitations/accept", new { token }, right.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_invitation_expires_after_seven_days_and_a_new_one_replaces_the_old(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Patient");
        var invitee = await api.CreateVerifiedAccountAsync(Password);
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee }, owner.Token);
        var first = await api.TokenFromEmailAsync(invitee, "invited");
        api.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        var joiner = await api.SignedInAsync(invitee, existing: true);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/invitations/accept", new { token = first }, joiner.Token)).StatusCode);

        var owner2 = await api.SignedInAsync(owner.Email, existing: true);
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee }, owner2.Token);
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee, role = "member" }, owner2.Token);
        // Emails go out after the responses: wait for all three.
        var messages = new List<MimeKit.MimeMessage>();
        for (var waited = 0; messages.Count < 3 && waited < 150; waited++)
        {
            messages = [.. (await api.Mail.WaitForMessagesAsync(1, TimeSpan.FromSeconds(15))).Where(m => m.To.ToString().Contains(invitee, StringComparison.OrdinalIgnoreCase) && (m.Subject ?? "").Contains("invited", StringComparison.Ordinal))];
            await Task.Delay(100);
        }
        Assert.Equal(3, messages.Count);
        joiner = await api.SignedInAsync(invitee, existing: true);
        var replaced = Token(messages[^2].TextBody);
        var latest = Token(messages[^1].TextBody);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/invitations/accept", new { token = replaced }, joiner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/invitations/accept", new { token = latest }, joiner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Inviting_a_member_is_a_409_members_cannot_invite_and_admins_cannot_invite_owners(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Rules");
        var member = await JoinedAsync(api, owner, orgId, "member");
        var admin = await JoinedAsync(api, owner, orgId, "admin");

        var existing = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = member.Email }, owner.Token);
        Assert.Equal(HttpStatusCode.Conflict, existing.StatusCode);
        Assert.Contains("already a member", await existing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "x@example.test" }, member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "y@example.test", role = "owner" }, admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "not-an-email", role = "boss" }, owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsync($"/api/v1/orgs/{orgId + 1000}/invitations", new { email = "z@example.test" }, owner.Token)).StatusCode);
        // Only the two accepted invitations of the setup exist: nothing refused was written.
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM invitations WHERE accepted_at IS NULL"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Members_and_pending_invitations_never_exceed_the_subscriptions_seats(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Seats");
        await api.SqlAsync($"UPDATE organizations SET stripe_subscription_status = 'active', subscription_quantity = 2 WHERE id = {orgId}");

        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "one@example.test" }, owner.Token)).StatusCode);
        var over = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "two@example.test" }, owner.Token);

        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Contains("has 2 seat(s), and members and pending invitations take 2", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["1"], await api.SqlAsync("SELECT count(*) FROM invitations"));
        // Re-inviting the same address replaces its invitation, so it needs no extra seat.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "one@example.test" }, owner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_canceled_subscription_refuses_invitations_and_acceptances_with_402(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Lapsed");
        var invitee = $"late-{Guid.NewGuid():N}@example.test";
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee }, owner.Token);
        var token = await api.TokenFromEmailAsync(invitee, "invited");
        await api.SqlAsync($"UPDATE organizations SET stripe_subscription_status = 'canceled' WHERE id = {orgId}");

        Assert.Equal(HttpStatusCode.PaymentRequired, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "more@example.test" }, owner.Token)).StatusCode);
        var joiner = await api.SignedInAsync(invitee);
        Assert.Equal(HttpStatusCode.PaymentRequired, (await api.PostAsync("/api/v1/invitations/accept", new { token }, joiner.Token)).StatusCode);
        Assert.Equal(["1"], await api.SqlAsync($"SELECT count(*) FROM memberships WHERE organization_id = {orgId}"));
    }

    /// <summary>A new account that joined <paramref name="orgId"/> with <paramref name="role"/> through an invitation from <paramref name="owner"/> (any admin or owner).</summary>
    internal static async Task<TestUser> JoinedAsync(TestApi api, TestUser owner, long orgId, string role)
    {
        var address = $"joiner-{Guid.NewGuid():N}@example.test";
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = address, role }, owner.Token);
        var token = await api.TokenFromEmailAsync(address, "invited");
        var user = await api.SignedInAsync(address);
        (await api.PostAsync("/api/v1/invitations/accept", new { token }, user.Token)).EnsureSuccessStatusCode();
        return user;
    }

    /// <summary>The token of the invitation link in an email's <paramref name="body"/>.</summary>
    internal static string Token(string? body)
    {
        var text = body ?? "";
        var start = text.IndexOf("?token=", StringComparison.Ordinal) + "?token=".Length;
        var end = text.IndexOfAny([' ', '\n', '\r'], start);
        return Uri.UnescapeDataString(text[start..(end < 0 ? text.Length : end)]);
    }
}
