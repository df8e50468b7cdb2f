namespace TimeTracker.Accounts;

/// <summary>The outcome of a correct password: tokens, or a user who must still give a second factor.</summary>
internal sealed record SignInResult(IssuedTokens? Issued, UserAccount? AwaitingSecondFactor)
{
    /// <summary>Signed in.</summary>
    public static SignInResult Tokens(IssuedTokens tokens) => new(tokens, null);

    /// <summary>The password was right; the account has TOTP on.</summary>
    public static SignInResult NeedsSecondFactor(UserAccount user) => new(null, user);
}
