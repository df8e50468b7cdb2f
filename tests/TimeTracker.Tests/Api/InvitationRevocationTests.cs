using System.Net;
using TimeTracker.Tests.Tracking;

namespace TimeTracker.Tests.Api;

/// <summary>
/// Invitations can be listed and revoked, and die with their inviter's right to grant them (issue 16, finding 5),
/// over HTTP on both dialects.
/// </summary>
public sealed class InvitationRevocationTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_admin_who_invites_their_own_second_address_as_admin_and_is_removed_cannot_accept_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Victim");
        var admin = await InvitationTests.JoinedAsync(api, owner, orgId, "admin");
        var secondAddress = $"spare-{Guid.NewGuid():N}@example.test";
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = secondAddress, role = "admin" }, admin.Token)).StatusCode);
        var token = await api.TokenFromEmailAsync(secondAddress, "invited");

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/members/{admin.Id}", owner.Token)).StatusCode);
        var spare = await api.SignedInAsync(secondAddress);
        var accepted = await api.PostAsync("/api/v1/invitations/accept", new { token }, spare.Token);

        Assert.Equal(HttpStatusCode.BadRequest, accepted.StatusCode);
        Assert.Equal(["0"], await api.SqlAsync($"SELECT count(*) FROM memberships WHERE user_id = {spare.Id}"));
        Assert.Equal(["1"], await api.SqlAsync($"SELECT count(*) FROM invitations WHERE email = '{secondAddress}' AND revoked_at IS NOT NULL AND accepted_at IS NULL"));
        Assert.Equal(["1"], await api.SqlAsync($"SELECT count(*) FROM audit_log WHERE action = 'invitation.revoked' AND user_id = {owner.Id}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Admins_list_the_pending_invitations_with_their_inviter_and_never_a_token(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Listed");
        var admin = await InvitationTests.JoinedAsync(api, owner, orgId, "admin");
        var member = await InvitationTests.JoinedAsync(api, owner, orgId, "member");
        var before = api.Time.GetUtcNow();
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "first@example.test" }, admin.Token);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "second@example.test", role = "admin" }, owner.Token);
        api.Time.Advance(TimeSpan.FromMinutes(1));
        // Re-inviting replaces: the older invitation of that address is no longer pending, and no longer listed.
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "first@example.test" }, owner.Token);

        var listed = await api.GetAsync($"/api/v1/orgs/{orgId}/invitations", admin.Token);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var invitations = (await listed.JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(
            [("first@example.test", "member", owner.Email), ("second@example.test", "admin", owner.Email)],
            invitations.Select(i => (i.GetProperty("email").GetString(), i.GetProperty("role").GetString(), i.GetProperty("invitedByEmail").GetString())));
        Assert.Equal(
            ["createdAt", "email", "expiresAt", "id", "invitedByEmail", "invitedById", "role"],
            invitations[0].EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(owner.Id, invitations[0].GetProperty("invitedById").GetInt64());
        Assert.Equal(before.AddMinutes(2).AddDays(7), invitations[0].GetProperty("expiresAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(before.AddMinutes(1), invitations[1].GetProperty("createdAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/orgs/{orgId}/invitations", member.Token)).StatusCode);
        var stranger = await api.SignedInAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/orgs/{orgId}/invitations", stranger.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_revoked_invitation_stops_working_and_frees_its_seat(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Revoker");
        var invitee = $"revoked-{Guid.NewGuid():N}@example.test";
        var id = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee }, owner.Token).IdAsync();
        var token = await api.TokenFromEmailAsync(invitee, "invited");
        await api.SqlAsync($"UPDATE organizations SET stripe_subscription_status = 'active', subscription_quantity = 2 WHERE id = {orgId}");
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "other@example.test" }, owner.Token)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{id}", owner.Token)).StatusCode);

        Assert.Equal(["1"], await api.SqlAsync($"SELECT count(*) FROM invitations WHERE id = {id} AND revoked_at IS NOT NULL"));
        Assert.Equal(["invitation.revoked"], await api.SqlAsync($"SELECT action FROM audit_log WHERE entity_type = 'invitation' AND entity_id = '{id}' AND action <> 'invitation.created'"));
        var joiner = await api.SignedInAsync(invitee);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/invitations/accept", new { token }, joiner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "other@example.test" }, owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{id}", owner.Token)).StatusCode);
        Assert.Equal(["other@example.test"], await Pending(api, orgId, owner));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Revoking_is_for_admins_an_owner_invitation_for_owners_and_another_organizations_invitation_is_not_found(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Guarded");
        var admin = await InvitationTests.JoinedAsync(api, owner, orgId, "admin");
        var member = await InvitationTests.JoinedAsync(api, owner, orgId, "member");
        var asOwner = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "co-owner@example.test", role = "owner" }, owner.Token).IdAsync();
        var asMember = await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "plain@example.test" }, admin.Token).IdAsync();
        var accepted = long.Parse((await api.SqlAsync($"SELECT min(id) FROM invitations WHERE organization_id = {orgId}"))[0], System.Globalization.CultureInfo.InvariantCulture);
        var otherOwner = await api.SignedInAsync();
        var otherOrg = await api.OrganizationAsync(otherOwner, "Elsewhere");
        var theirs = await api.PostAsync($"/api/v1/orgs/{otherOrg}/invitations", new { email = "theirs@example.test" }, otherOwner.Token).IdAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{asMember}", member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{asOwner}", admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{theirs}", owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{theirs + 1000}", owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/orgs/{otherOrg}/invitations/{theirs}", owner.Token)).StatusCode);
        var conflict = await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{accepted}", owner.Token);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("remove the member instead", await conflict.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM invitations WHERE revoked_at IS NOT NULL"));

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{asMember}", admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/invitations/{asOwner}", owner.Token)).StatusCode);
        Assert.Equal([asMember.ToString(System.Globalization.CultureInfo.InvariantCulture), asOwner.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            await api.SqlAsync("SELECT id FROM invitations WHERE revoked_at IS NOT NULL ORDER BY id DESC"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Demoting_revokes_the_invitations_the_member_may_no_longer_grant_and_leaving_revokes_the_rest(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Demotions");
        var admin = await InvitationTests.JoinedAsync(api, owner, orgId, "admin");
        var coOwner = await InvitationTests.JoinedAsync(api, owner, orgId, "owner");
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "by-admin@example.test" }, admin.Token);
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "owner-by-co-owner@example.test", role = "owner" }, coOwner.Token);
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = "admin-by-co-owner@example.test", role = "admin" }, coOwner.Token);

        (await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{admin.Id}", new { role = "member" }, owner.Token)).EnsureSuccessStatusCode();
        (await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{coOwner.Id}", new { role = "admin" }, owner.Token)).EnsureSuccessStatusCode();

        Assert.Equal(["admin-by-co-owner@example.test"], await Pending(api, orgId, owner));
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/members/{coOwner.Id}", coOwner.Token)).StatusCode);
        Assert.Empty(await Pending(api, orgId, owner));
        Assert.Equal(["3"], await api.SqlAsync($"SELECT count(*) FROM audit_log WHERE action = 'invitation.revoked'"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Acceptance_checks_again_that_the_inviter_may_grant_the_role_and_revokes_the_invitation_when_not(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Recheck");
        var admin = await InvitationTests.JoinedAsync(api, owner, orgId, "admin");
        var invitee = $"late-{Guid.NewGuid():N}@example.test";
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee, role = "admin" }, admin.Token);
        var token = await api.TokenFromEmailAsync(invitee, "invited");
        // As an invitation sent before revocation followed demotion: the role changes under it, with nothing revoked.
        await api.SqlAsync($"UPDATE memberships SET role = 'member' WHERE user_id = {admin.Id}");
        var joiner = await api.SignedInAsync(invitee);

        var refused = await api.PostAsync("/api/v1/invitations/accept", new { token }, joiner.Token);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("may no longer make anyone an admin of this organization, so it was revoked", await refused.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(["1"], await api.SqlAsync($"SELECT count(*) FROM invitations WHERE email = '{invitee}' AND revoked_at IS NOT NULL AND accepted_at IS NULL"));
        Assert.Equal(["invitation.refused"], await api.SqlAsync($"SELECT action FROM audit_log WHERE user_id = {joiner.Id}"));
        Assert.Contains(api.Log.Entries, e => e.Message.Contains($"its inviter {admin.Id} may no longer grant admin", StringComparison.Ordinal));
        Assert.Equal(["2"], await api.SqlAsync($"SELECT count(*) FROM memberships WHERE organization_id = {orgId}"));
        // Restoring the inviter's role does not bring the link back.
        await api.SqlAsync($"UPDATE memberships SET role = 'admin' WHERE user_id = {admin.Id}");
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync("/api/v1/invitations/accept", new { token }, joiner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_invitation_from_a_deleted_account_cannot_be_accepted(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Orphaned");
        var admin = await InvitationTests.JoinedAsync(api, owner, orgId, "admin");
        var invitee = $"orphan-{Guid.NewGuid():N}@example.test";
        await api.PostAsync($"/api/v1/orgs/{orgId}/invitations", new { email = invitee }, admin.Token);
        var token = await api.TokenFromEmailAsync(invitee, "invited");
        await api.SqlAsync($"DELETE FROM memberships WHERE user_id = {admin.Id}");
        await api.SqlAsync($"UPDATE invitations SET invited_by_id = NULL WHERE invited_by_id = {admin.Id}");
        var joiner = await api.SignedInAsync(invitee);

        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync("/api/v1/invitations/accept", new { token }, joiner.Token)).StatusCode);
        Assert.Equal(["1"], await api.SqlAsync($"SELECT count(*) FROM memberships WHERE organization_id = {orgId}"));
    }

    private static async Task<List<string?>> Pending(TestApi api, long orgId, TestUser caller) =>
        [.. (await (await api.GetAsync($"/api/v1/orgs/{orgId}/invitations", caller.Token)).JsonAsync()).EnumerateArray().Select(i => i.GetProperty("email").GetString())];
}
