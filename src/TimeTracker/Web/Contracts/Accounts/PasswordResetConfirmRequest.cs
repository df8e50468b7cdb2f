namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The body of <c>POST /auth/password-reset/confirm</c>.</summary>
internal sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword);
