namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>A body naming an address (<c>/auth/verify-email/resend</c>, <c>/auth/password-reset</c>).</summary>
internal sealed record EmailRequest(string? Email);
