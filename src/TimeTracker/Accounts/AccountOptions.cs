namespace TimeTracker.Accounts;

/// <summary>The <c>Accounts</c> configuration section: lifetimes and limits of the sign-in flows.</summary>
internal sealed class AccountOptions
{
    /// <summary>The address users reach the application at; links in emails start with it.</summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>How long an email verification link works.</summary>
    public TimeSpan VerificationTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a password reset link works.</summary>
    public TimeSpan PasswordResetTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failed sign-ins in a row after which the account is locked.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A refresh token not used for this long expires.</summary>
    public TimeSpan RefreshTokenIdleLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A sign-in's refresh tokens, however often rotated, stop working this long after the sign-in.</summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long the challenge of a sign-in waiting for its second factor works.</summary>
    public TimeSpan TwoFactorChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
