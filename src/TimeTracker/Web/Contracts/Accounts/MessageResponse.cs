namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>An answer that only says what happened (202 and 201 answers).</summary>
internal sealed record MessageResponse(string Message);
