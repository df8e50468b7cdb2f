namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The body of <c>POST /me/password</c>.</summary>
internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
