namespace TimeTracker.Accounts.TwoFactor;

/// <summary>TOTP turned on: the backup codes, shown this once, and the caller's new tokens (every other session ended).</summary>
internal sealed record TotpEnabled(IReadOnlyList<string> BackupCodes, IssuedTokens Tokens);
