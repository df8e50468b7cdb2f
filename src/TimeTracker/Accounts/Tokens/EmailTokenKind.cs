namespace TimeTracker.Accounts.Tokens;

/// <summary>The two single-use tokens sent by email, each with its own table.</summary>
internal sealed record EmailTokenKind(string Table, string Purpose)
{
    /// <summary>Proves the user reads the address (<c>email_verification_tokens</c>, which also records the address).</summary>
    public static EmailTokenKind Verification { get; } = new("email_verification_tokens", "email verification");

    /// <summary>Lets the user choose a new password (<c>password_reset_tokens</c>).</summary>
    public static EmailTokenKind PasswordReset { get; } = new("password_reset_tokens", "password reset");
}
