namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>A body carrying an emailed token (<c>/auth/verify-email</c>).</summary>
internal sealed record TokenRequest(string? Token);
