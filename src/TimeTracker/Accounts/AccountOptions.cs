namespace TimeTracker.Accounts;

/// <summary>The <c>Accounts</c> configuration section: lifetimes and limits of the sign-in flows.</summary>
internal sealed class AccountOptions
{
    /// <summary>How long an email verification link works.</summary>
    public TimeSpan VerificationTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a password reset link works.</summary>
    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Password and code checks one client address gets per account and lock window; the last failed one locks
    /// the account for that address.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long the first lock of an account for a client address lasts; each further lock from that address
    /// lasts twice the one before.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest a lock lasts, however often the address was locked before.</summary>
    public TimeSpan MaxLockoutDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>After this long without a failure, an address's earlier locks are forgotten and its next lock is a first one again.</summary>
    public TimeSpan LockoutMemory { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The lowest zxcvbn score (0 to 4) a new password may have.</summary>
    public int MinimumPasswordScore { get; set; } = 3;

    /// <summary>A refresh token not used for this long expires.</summary>
    public TimeSpan RefreshTokenIdleLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A sign-in's refresh tokens, however often rotated, stop working this long after the sign-in.</summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the challenge of a sign-in waiting for its second factor works.</summary>
    public TimeSpan TwoFactorChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
