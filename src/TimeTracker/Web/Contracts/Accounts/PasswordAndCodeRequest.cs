namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The body of <c>POST /auth/2fa/enable</c>, <c>/auth/2fa/disable</c> and <c>/auth/2fa/backup-codes</c>: the
/// password and a current code.</summary>
internal sealed record PasswordAndCodeRequest(string? Password, string? Code);
