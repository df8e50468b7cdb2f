namespace TimeTracker.Accounts.Contracts;

/// <summary>The body of <c>POST /auth/2fa/enable</c>: a code from the authenticator app.</summary>
internal sealed record CodeRequest(string? Code);
