namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The body of <c>POST /auth/2fa/setup</c>: the current password.</summary>
internal sealed record PasswordRequest(string? Password);
