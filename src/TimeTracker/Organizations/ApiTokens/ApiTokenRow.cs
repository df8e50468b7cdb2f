namespace TimeTracker.Organizations.ApiTokens;

/// <summary>A presented token's row as authentication reads it, with its owner's role in its organization (null: not a member).</summary>
internal sealed record ApiTokenRow(
    long Id, long UserId, long OrganizationId, string Hash, string Scope, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt, string? Role);
