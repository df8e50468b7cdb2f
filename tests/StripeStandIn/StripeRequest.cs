namespace TimeTracker.Tests.Billing;

/// <summary>One request the <see cref="StripeStandIn"/> received, as it arrived: headers that matter and the decoded form.</summary>
internal sealed record StripeRequest(
    string Method, string Path, string? Authorization, string? IdempotencyKey, string? StripeVersion, string? ContentType, IReadOnlyDictionary<string, string> Form);
