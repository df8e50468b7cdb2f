namespace TimeTracker.Accounts.Tokens;

/// <summary>What a <see cref="TokenCleanup"/> deleted: refresh tokens (of ended sign-ins) and email links, all ended
/// before <paramref name="Before"/>.</summary>
internal sealed record TokenCleanupResult(int RefreshTokens, int EmailTokens, DateTimeOffset Before);
