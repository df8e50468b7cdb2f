namespace TimeTracker.Web.Contracts.Accounts;

/// <summary>The answer of a correct password on an account with TOTP on: the challenge to complete at <c>/auth/login/2fa</c>.</summary>
internal sealed record MfaChallengeResponse(bool MfaRequired, string Challenge);
