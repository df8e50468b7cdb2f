namespace TimeTracker.Organizations.ApiTokens;

/// <summary>A token just made, with its secret: the only time the secret is known, since the database keeps its hash.</summary>
internal sealed record CreatedApiToken(ApiToken Token, string Secret);
