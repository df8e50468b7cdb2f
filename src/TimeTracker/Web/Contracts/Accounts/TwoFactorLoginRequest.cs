namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The body of <c>POST /auth/login/2fa</c>: the challenge and either a code or a backup code.</summary>
internal sealed record TwoFactorLoginRequest(string? Challenge, string? Code = null, string? BackupCode = null);
