using System.Net;
using System.Text.Json;
using TimeTracker.Tests.Api;
using TimeTracker.Tests.Tracking;

namespace TimeTracker.Tests.Billing;

/// <summary>
/// <c>GET /orgs/{id}/billing</c>: what the owners' billing page shows, read from the columns the Stripe events
/// maintain, the seats, and the prices <c>Billing:Prices</c> offers as <c>Billing:Plans</c> describes them.
/// </summary>
public sealed class BillingOverviewTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly Dictionary<string, string> Described = new()
    {
        ["Billing:Plans:price_team_monthly:Name"] = "Team (monthly)",
        ["Billing:Plans:price_team_monthly:Amount"] = "8.50",
        ["Billing:Plans:price_team_monthly:Currency"] = "eur",
        ["Billing:Plans:price_team_monthly:Interval"] = "month",
    };

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Before_a_subscription_the_owner_sees_the_seats_used_and_the_plans_on_offer_and_after_checkout_the_active_plan(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server, Described);
        var team = await Team.CreateAsync(api);

        var before = await BillingAsync(api, team);
        var now = EventProcessingTests.Seconds(api.Time.GetUtcNow());
        var periodEnd = now.AddDays(30);
        await api.DeliverEventAsync("checkout.session.completed", now, await api.CompletedCheckoutAsync(team.OrgId, "cus_overview", "sub_overview"));
        await api.DeliverEventAsync("customer.subscription.created", now.AddSeconds(1),
            StripePayloads.Subscription("sub_overview", "cus_overview", "active", quantity: 5, periodEnd: periodEnd));
        await api.ProcessAsync();
        var after = await BillingAsync(api, team);

        Assert.Equal(
            """{"status":null,"plan":null,"seats":{"used":3,"paid":null,"members":3,"pendingInvitations":0},"trialEndsAt":null""" +
            ""","nextBillingDate":null,"subscriptionEndsAt":null""" +
            ""","hasCustomer":false,"warning":null,"readOnly":false,"plans":[""" +
            """{"price":"price_team_monthly","name":"Team (monthly)","amount":8.50,"currency":"EUR","interval":"month"},""" +
            """{"price":"price_team_yearly","name":null,"amount":null,"currency":null,"interval":null}]}""",
            before.GetRawText());
        Assert.Equal(("active", "price_team_monthly", "Team (monthly)", 3, 5, true, false),
            (after.GetProperty("status").GetString(), after.GetProperty("plan").GetProperty("price").GetString(),
                after.GetProperty("plan").GetProperty("name").GetString(), after.GetProperty("seats").GetProperty("used").GetInt32(),
                after.GetProperty("seats").GetProperty("paid").GetInt32(), after.GetProperty("hasCustomer").GetBoolean(),
                after.GetProperty("readOnly").GetBoolean()));
        Assert.Equal(periodEnd, after.GetProperty("nextBillingDate").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("subscriptionEndsAt").ValueKind);
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task A_failed_payment_is_a_warning_and_a_canceled_subscription_is_read_only_with_its_end_and_no_next_billing(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var now = EventProcessingTests.Seconds(api.Time.GetUtcNow());
        await api.DeliverEventAsync("checkout.session.completed", now, await api.CompletedCheckoutAsync(team.OrgId, "cus_lapsing", "sub_lapsing"));
        await api.DeliverEventAsync("customer.subscription.updated", now.AddSeconds(1),
            StripePayloads.Subscription("sub_lapsing", "cus_lapsing", "past_due", quantity: 4, periodEnd: now.AddDays(2)));
        await api.ProcessAsync();

        var pastDue = await BillingAsync(api, team);
        await api.DeliverEventAsync("customer.subscription.deleted", now.AddSeconds(2),
            StripePayloads.Subscription("sub_lapsing", "cus_lapsing", "canceled", quantity: 4, periodEnd: now.AddDays(2), endedAt: now.AddSeconds(2)));
        await api.ProcessAsync();
        var canceled = await BillingAsync(api, team);

        Assert.Equal(("past_due", false, 4, now.AddDays(2)), (pastDue.GetProperty("status").GetString(), pastDue.GetProperty("readOnly").GetBoolean(),
            pastDue.GetProperty("seats").GetProperty("paid").GetInt32(), pastDue.GetProperty("nextBillingDate").GetDateTimeOffset()));
        Assert.Contains("payment failed", pastDue.GetProperty("warning").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(("canceled", true, JsonValueKind.Null, JsonValueKind.Null, now.AddSeconds(2), true),
            (canceled.GetProperty("status").GetString(), canceled.GetProperty("readOnly").GetBoolean(),
                canceled.GetProperty("seats").GetProperty("paid").ValueKind, canceled.GetProperty("nextBillingDate").ValueKind,
                canceled.GetProperty("subscriptionEndsAt").GetDateTimeOffset(), canceled.GetProperty("hasCustomer").GetBoolean()));
        Assert.NotNull(canceled.GetProperty("warning").GetString());
    }

    [Theory]
    [InlineData(TestApi.Sqlite)]
    [InlineData(TestApi.Postgres)]
    public async Task Admins_and_members_are_refused_another_organization_is_not_found_and_a_caller_must_sign_in(string dialect)
    {
        await using var api = await BillingApi.StartAsync(dialect, smtp.Server);
        var team = await Team.CreateAsync(api);
        var stranger = await api.SignedInAsync();
        await api.OrganizationAsync(stranger, "Stranger's own");

        foreach (var user in new[] { team.Admin, team.Member })
        {
            var refused = await api.GetAsync(team.Path("billing"), user.Token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Owners only", (await refused.JsonAsync()).GetProperty("title").GetString());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(team.Path("billing"), stranger.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(team.Path("billing"))).StatusCode);
    }

    private static async Task<JsonElement> BillingAsync(TestApi api, Team team)
    {
        var response = await api.GetAsync(team.Path("billing"), team.Owner.Token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
