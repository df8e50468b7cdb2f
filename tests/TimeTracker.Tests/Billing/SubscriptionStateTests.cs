using TimeTracker.Organizations;

namespace TimeTracker.Tests.Billing;

/// <summary>What each Stripe subscription status means here, as one table.</summary>
public sealed class SubscriptionStateTests
{
    [Theory]
    //          status                live   bills  freezes paymentFailing
    [InlineData("active",             true,  true,  false,  false)]
    [InlineData("trialing",           true,  true,  false,  false)]
    [InlineData("past_due",           true,  true,  false,  true)]
    [InlineData("canceled",           false, false, true,   false)]
    [InlineData("unpaid",             true,  false, true,   false)]
    [InlineData("incomplete",         false, false, false,  false)]
    [InlineData("incomplete_expired", false, false, true,   false)]
    [InlineData("paused",             true,  false, true,   false)]
    public void Each_Stripe_status_says_whether_it_runs_bills_freezes_membership_and_warns_of_a_failed_payment(
        string status, bool live, bool bills, bool freezes, bool paymentFailing)
    {
        var state = SubscriptionState.Of(status);

        Assert.NotNull(state);
        Assert.Equal(status, state.Status);
        Assert.Equal((live, bills, freezes, paymentFailing), (state.IsLive, state.Bills, state.FreezesMembership, state.PaymentFailing));
    }

    [Fact]
    public void The_table_covers_every_status_Stripe_documents_and_nothing_else()
    {
        Assert.Equal(
            ["active", "canceled", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"],
            SubscriptionState.All.Select(state => state.Status).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a_status_stripe_adds_later")]
    public void No_subscription_or_an_unknown_status_has_no_state(string? status) => Assert.Null(SubscriptionState.Of(status));

    [Fact]
    public void The_live_list_for_SQL_names_exactly_the_running_statuses()
    {
        Assert.Equal("'active', 'trialing', 'past_due', 'unpaid', 'paused'", SubscriptionState.LiveList);
    }

    [Theory]
    //          status      trial ends (hours from now)  frozen
    [InlineData(null,       null,                         false)] // no trial, no subscription: nothing to freeze
    [InlineData(null,       1,                            false)] // the server's trial runs
    [InlineData(null,       -1,                           true)]  // the server's trial ended without a subscription
    [InlineData("trialing", -1,                           true)]  // Stripe's trial ended and no event updated it yet
    [InlineData("trialing", 1,                            false)]
    [InlineData("active",   -1,                           false)] // a paid subscription after the trial
    [InlineData("past_due", -1,                           false)] // the grace period of a failed payment
    [InlineData("canceled", 1,                            true)]
    [InlineData("paused",   null,                         true)]
    [InlineData("something_new", -1,                      false)]
    public void Membership_changes_freeze_for_a_freezing_status_or_an_ended_trial(string? status, int? trialEndsInHours, bool frozen)
    {
        var now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        DateTimeOffset? trialEnds = trialEndsInHours is { } hours ? now.AddHours(hours) : null;

        Assert.Equal(frozen, SubscriptionState.FreezesMembershipOf(status, trialEnds, now));
    }
}
