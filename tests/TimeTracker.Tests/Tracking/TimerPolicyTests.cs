using System.Net;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary><c>/orgs/{orgId}/timer-policy</c>: the defaults, who may change it, and what is refused; on both dialects.</summary>
public sealed class TimerPolicyTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task An_organization_reminds_after_10_hours_and_stops_at_24_until_an_admin_changes_it_and_every_member_reads_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var other = await Team.CreateAsync(api, "Other");

        var initial = await (await api.GetAsync(team.Path("timer-policy"), team.Member.Token)).JsonAsync();
        var changed = await api.PutAsync(team.Path("timer-policy"), new { reminderAfterHours = 8, stopAfterHours = 12 }, team.Admin.Token);
        var byOwner = await api.PutAsync(team.Path("timer-policy"), new { reminderAfterHours = 9, stopAfterHours = 12 }, team.Owner.Token);
        var read = await (await api.GetAsync(team.Path("timer-policy"), team.Member.Token)).JsonAsync();

        Assert.Equal((10, 24, true), (initial.GetProperty("reminderAfterHours").GetInt32(), initial.GetProperty("stopAfterHours").GetInt32(),
            initial.GetProperty("updatedAt").ValueKind == System.Text.Json.JsonValueKind.Null));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(8, (await changed.JsonAsync()).GetProperty("reminderAfterHours").GetInt32());
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal((9, 12), (read.GetProperty("reminderAfterHours").GetInt32(), read.GetProperty("stopAfterHours").GetInt32()));
        Assert.Equal(api.Time.GetUtcNow(), read.GetProperty("updatedAt").GetDateTimeOffset(), TimeSpan.FromMilliseconds(1));
        // Another organization keeps its own (the default).
        Assert.Equal(24, (await (await api.GetAsync(other.Path("timer-policy"), other.Member.Token)).JsonAsync()).GetProperty("stopAfterHours").GetInt32());
        Assert.Equal(["1"], await api.SqlAsync("SELECT COUNT(*) FROM timer_policies"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_member_may_not_change_the_policy_and_a_stranger_may_not_see_it(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var stranger = await Team.CreateAsync(api, "Elsewhere");

        var byMember = await api.PutAsync(team.Path("timer-policy"), new { reminderAfterHours = 1, stopAfterHours = 2 }, team.Member.Token);
        var seen = await api.GetAsync(team.Path("timer-policy"), stranger.Owner.Token);
        var changed = await api.PutAsync(team.Path("timer-policy"), new { reminderAfterHours = 1, stopAfterHours = 2 }, stranger.Owner.Token);

        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Contains("Only admins and owners may change the timer policy", await byMember.ProblemAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, seen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        Assert.Equal(["0"], await api.SqlAsync("SELECT COUNT(*) FROM timer_policies"));
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_policy_whose_reminder_is_not_before_its_stop_or_whose_hours_are_out_of_bounds_is_refused_field_by_field(string dialect)
    {
        await using var api = await TestApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);

        async Task<string> RefusedAsync(object body)
        {
            var response = await api.PutAsync(team.Path("timer-policy"), body, team.Admin.Token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.ProblemAsync();
        }

        Assert.Contains("'reminderAfterHours' (24) must be less than 'stopAfterHours' (24): the member is reminded before the timer is stopped.",
            await RefusedAsync(new { reminderAfterHours = 24, stopAfterHours = 24 }), StringComparison.Ordinal);
        var outOfBounds = await RefusedAsync(new { reminderAfterHours = 0, stopAfterHours = 169 });
        Assert.Contains("'reminderAfterHours' must be a whole number of hours from 1 to 167; 0 is not.", outOfBounds, StringComparison.Ordinal);
        Assert.Contains("'stopAfterHours' must be a whole number of hours from 2 to 168; 169 is not.", outOfBounds, StringComparison.Ordinal);
        var missing = await RefusedAsync(new { });
        Assert.Contains("'reminderAfterHours' is required", missing, StringComparison.Ordinal);
        Assert.Contains("'stopAfterHours' is required", missing, StringComparison.Ordinal);
        Assert.Contains("stopAfterHours", await RefusedAsync(new { reminderAfterHours = 1, stopAfterHours = 1.5 }), StringComparison.Ordinal);
        Assert.Equal(["0"], await api.SqlAsync("SELECT COUNT(*) FROM timer_policies"));
    }
}
