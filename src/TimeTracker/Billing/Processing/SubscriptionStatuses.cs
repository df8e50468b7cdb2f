namespace TimeTracker.Billing.Processing;

/// <summary>Stripe's subscription statuses, as billing reads them.</summary>
internal static class SubscriptionStatuses
{
    /// <summary>The statuses of a subscription that is (still) running.</summary>
    public static readonly IReadOnlyList<string> Live = ["active", "trialing", "past_due", "paused", "unpaid"];

    /// <summary><see cref="Live"/> as an SQL list of literals.</summary>
    public static readonly string LiveList = string.Join(", ", Live.Select(status => $"'{status}'"));

    /// <summary>Whether <paramref name="status"/> is a running subscription.</summary>
    public static bool IsLive(string? status) => status is not null && Live.Contains(status);
}
