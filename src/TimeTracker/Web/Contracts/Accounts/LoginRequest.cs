namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The body of <c>POST /auth/login</c>.</summary>
internal sealed record LoginRequest(string? Email, string? Password);
