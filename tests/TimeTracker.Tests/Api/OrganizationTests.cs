using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TimeTracker.Tests.Api;

/// <summary>Organizations and memberships over HTTP, on both dialects.</summary>
public sealed class OrganizationTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Creating_an_organization_makes_the_caller_its_owner_with_a_slug_derived_from_the_name(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();

        var created = await api.PostAsync("/api/v1/orgs", new { name = "Café Zoë & Co." }, owner.Token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var org = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cafe-zoe-co", org.GetProperty("slug").GetString());
        Assert.Equal("owner", org.GetProperty("role").GetString());
        Assert.Equal($"/api/v1/orgs/{org.GetProperty("id").GetInt64()}", created.Headers.Location?.OriginalString);
        var second = await (await api.PostAsync("/api/v1/orgs", new { name = "Cafe Zoe Co" }, owner.Token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cafe-zoe-co-2", second.GetProperty("slug").GetString());
        var list = await (await api.GetAsync("/api/v1/orgs", owner.Token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["owner", "owner"], list.EnumerateArray().Select(o => o.GetProperty("role").GetString()));
        Assert.Equal(["membership.created"], await api.SqlAsync($"SELECT action FROM audit_log WHERE entity_id = '{org.GetProperty("id").GetInt64()}:{owner.Id}'"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_given_slug_that_is_taken_is_a_409_and_a_malformed_one_a_400_and_nothing_is_written(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/v1/orgs", new { name = "Acme", slug = "acme" }, owner.Token)).StatusCode);

        var taken = await api.PostAsync("/api/v1/orgs", new { name = "Acme Two", slug = "acme" }, owner.Token);
        var malformed = await api.PostAsync("/api/v1/orgs", new { name = "Acme Three", slug = "Acme_3" }, owner.Token);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Contains("'acme' is already used", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(["1"], await api.SqlAsync("SELECT count(*) FROM organizations"));
        Assert.Equal(["1"], await api.SqlAsync("SELECT count(*) FROM memberships"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Only_owners_rename_and_delete_and_members_may_read(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var admin = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Rename Me");
        await JoinAsync(api, orgId, admin, "admin");

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/orgs/{orgId}", admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PatchAsync($"/api/v1/orgs/{orgId}", new { name = "Taken Over" }, admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.DeleteAsync($"/api/v1/orgs/{orgId}", admin.Token)).StatusCode);

        var renamed = await api.PatchAsync($"/api/v1/orgs/{orgId}", new { name = "Renamed" }, owner.Token);
        Assert.Equal("Renamed", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}", owner.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/orgs/{orgId}", owner.Token)).StatusCode);
        Assert.Equal(["0"], await api.SqlAsync($"SELECT count(*) FROM memberships WHERE organization_id = {orgId}"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Admins_manage_members_but_not_owners_and_every_change_is_audited(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var admin = await api.SignedInAsync();
        var member = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Team");
        await JoinAsync(api, orgId, admin, "admin");
        await JoinAsync(api, orgId, member, "member");

        Assert.Equal(HttpStatusCode.Forbidden, (await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{owner.Id}", new { role = "member" }, admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{member.Id}", new { role = "owner" }, admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{admin.Id}", new { role = "member" }, member.Token)).StatusCode);
        var promoted = await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{member.Id}", new { role = "admin" }, admin.Token);
        Assert.Equal("admin", (await promoted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/members/{member.Id}", admin.Token)).StatusCode);

        var members = await (await api.GetAsync($"/api/v1/orgs/{orgId}/members", owner.Token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([(owner.Id, "owner"), (admin.Id, "admin")], members.GetProperty("items").EnumerateArray().Select(m => (m.GetProperty("userId").GetInt64(), m.GetProperty("role").GetString())));
        Assert.Equal(["membership.role_changed|admin|member", "membership.removed||admin"],
            await api.SqlAsync($"SELECT action || '|' || coalesce(details ->> 'role', '') || '|' || coalesce(details ->> 'previousRole', '') FROM audit_log WHERE entity_id = '{orgId}:{member.Id}' AND action <> 'membership.created' ORDER BY id"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task The_last_owner_can_neither_leave_nor_be_demoted_but_a_member_may_leave(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var member = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Solo");
        await JoinAsync(api, orgId, member, "member");

        var leave = await api.DeleteAsync($"/api/v1/orgs/{orgId}/members/{owner.Id}", owner.Token);
        var demote = await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{owner.Id}", new { role = "admin" }, owner.Token);

        Assert.Equal(HttpStatusCode.Conflict, leave.StatusCode);
        Assert.Contains("at least one owner", await leave.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/orgs/{orgId}/members/{member.Id}", member.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/orgs/{orgId}", member.Token)).StatusCode);
        // With a second owner, the first may step down.
        var other = await api.SignedInAsync();
        await JoinAsync(api, orgId, other, "owner");
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{owner.Id}", new { role = "admin" }, owner.Token)).StatusCode);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Another_tenants_organization_is_a_404_on_every_endpoint(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var outsider = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Private");
        await api.OrganizationAsync(outsider, "Elsewhere");
        var unknown = orgId + 1000;

        foreach (var id in new[] { orgId, unknown })
        {
            var answers = new[]
            {
                await api.GetAsync($"/api/v1/orgs/{id}", outsider.Token),
                await api.PatchAsync($"/api/v1/orgs/{id}", new { name = "Mine" }, outsider.Token),
                await api.DeleteAsync($"/api/v1/orgs/{id}", outsider.Token),
                await api.GetAsync($"/api/v1/orgs/{id}/members", outsider.Token),
                await api.PatchAsync($"/api/v1/orgs/{id}/members/{owner.Id}", new { role = "member" }, outsider.Token),
                await api.DeleteAsync($"/api/v1/orgs/{id}/members/{owner.Id}", outsider.Token),
                await api.PostAsync($"/api/v1/orgs/{id}/invitations", new { email = "friend@example.test", role = "owner" }, outsider.Token),
            };
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
            // The same answer whether the organization exists or not.
            Assert.All(answers, a => Assert.Contains($"No organization {id} among yours", a.Content.ReadAsStringAsync().Result, StringComparison.Ordinal));
        }
        var mine = await (await api.GetAsync("/api/v1/orgs", outsider.Token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["Elsewhere"], mine.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(["Private"], await api.SqlAsync($"SELECT name FROM organizations WHERE id = {orgId}"));
        Assert.Equal(["0"], await api.SqlAsync("SELECT count(*) FROM invitations"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_canceled_subscription_freezes_membership_changes_and_past_due_only_warns(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var owner = await api.SignedInAsync();
        var member = await api.SignedInAsync();
        var orgId = await api.OrganizationAsync(owner, "Billing");
        await JoinAsync(api, orgId, member, "member");

        await api.SqlAsync($"UPDATE organizations SET stripe_subscription_status = 'past_due' WHERE id = {orgId}");
        var pastDue = await (await api.GetAsync($"/api/v1/orgs/{orgId}", owner.Token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("payment failed", pastDue.GetProperty("billingWarning").GetString(), StringComparison.Ordinal);
        Assert.False(pastDue.GetProperty("readOnly").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{member.Id}", new { role = "admin" }, owner.Token)).StatusCode);

        await api.SqlAsync($"UPDATE organizations SET stripe_subscription_status = 'canceled' WHERE id = {orgId}");
        var frozen = await api.PatchAsync($"/api/v1/orgs/{orgId}/members/{member.Id}", new { role = "member" }, owner.Token);

        Assert.Equal(HttpStatusCode.PaymentRequired, frozen.StatusCode);
        Assert.Contains("frozen until billing is fixed", await frozen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(["admin"], await api.SqlAsync($"SELECT role FROM memberships WHERE organization_id = {orgId} AND user_id = {member.Id}"));
        Assert.True((await (await api.GetAsync($"/api/v1/orgs/{orgId}", owner.Token)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readOnly").GetBoolean());
    }

    // Seeded directly: these tests are about roles; InvitationTests cover how members really join.
    private static async Task JoinAsync(TestApi api, long orgId, TestUser user, string role) =>
        await api.SqlAsync($"INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES ({orgId}, {user.Id}, '{role}', '2026-11-24 00:00:00.0000000+00:00')");
}
