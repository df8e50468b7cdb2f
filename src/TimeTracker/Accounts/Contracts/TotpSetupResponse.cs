namespace TimeTracker.Accounts.Contracts;

/// <summary>The answer of <c>POST /auth/2fa/setup</c>: the Base32 secret and the URI an authenticator app scans.</summary>
internal sealed record TotpSetupResponse(string Secret, string OtpauthUri);
