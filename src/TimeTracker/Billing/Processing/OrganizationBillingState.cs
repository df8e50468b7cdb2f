namespace TimeTracker.Billing.Processing;

/// <summary>An organization's billing columns, read under a lock while one event is applied to them.</summary>
internal sealed record OrganizationBillingState(
    long Id, string Name, string? SubscriptionId, string? SubscriptionStatus,
    DateTimeOffset? SubscriptionEventCreatedAt, DateTimeOffset? InvoiceEventCreatedAt, DateTimeOffset? BillingIssueDetectedAt, DateTimeOffset? LastBillingEmailSentAt)
{
    /// <summary>Whether <paramref name="status"/> is a subscription that is (still) running.</summary>
    public static bool IsLive(string? status) => status is "active" or "trialing" or "past_due" or "paused" or "unpaid";
}
