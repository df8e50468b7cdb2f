namespace TimeTracker.Accounts;

/// <summary>A row of <c>users</c>, as the account flows need it.</summary>
internal sealed record UserAccount(
    long Id,
    string Email,
    string Name,
    bool IsActive,
    string? PasswordHash,
    bool EmailVerified,
    bool TotpEnabled,
    string? TotpSecret,
    string? BackupCodes,
    int FailedSignInCount,
    DateTimeOffset? LockedUntil,
    long? TotpLastStep,
    string TimeZone,
    decimal? DefaultHourlyRate,
    int SecurityStamp);
