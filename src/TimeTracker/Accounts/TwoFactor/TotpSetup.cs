namespace TimeTracker.Accounts.TwoFactor;

/// <summary>A TOTP secret being set up: in Base32, and as the <c>otpauth://</c> URI an authenticator app scans.</summary>
internal sealed record TotpSetup(string Secret, string OtpauthUri);
