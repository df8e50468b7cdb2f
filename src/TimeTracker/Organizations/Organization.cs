namespace TimeTracker.Organizations;

/// <summary>An organization as one member sees it: that member's role, and the organization's billing state.</summary>
internal sealed record Organization(
    long Id, string Name, string Slug, string Role, string? BillingStatus, string? BillingWarning, bool ReadOnly);
