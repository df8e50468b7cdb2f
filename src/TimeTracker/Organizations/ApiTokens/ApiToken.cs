namespace TimeTracker.Organizations.ApiTokens;

/// <summary>
/// One of a person's personal API tokens as its owner sees it (never its secret): its name, its organization, its
/// scope there (narrowed to the owner's current role), and when it was made, last used (to the minute) and expires.
/// </summary>
internal sealed record ApiToken(
    long Id, string Name, long OrganizationId, string OrganizationName, string Scope, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt);
