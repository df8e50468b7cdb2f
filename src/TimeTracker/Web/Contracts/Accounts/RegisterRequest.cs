namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The body of <c>POST /auth/register</c>.</summary>
internal sealed record RegisterRequest(string? Email, string? Password, string? Name);
