namespace TimeTracker.Accounts.Contracts;

/// <summary>The answer of <c>GET /me</c>.</summary>
internal sealed record MeResponse(long Id, string Email, string Name, bool EmailVerified, bool TotpEnabled);
