using TimeTracker.Errors;

namespace TimeTracker.Accounts;

/// <summary>
/// The rule that an account must have confirmed its address before it acts towards others or binds a second
/// factor: creating organizations, inviting, accepting invitations, setting up TOTP. Until then an address may
/// be someone else's (anyone can register any address), so such an account may sign in only to verify or to
/// fix its address. Routes opt in with the web layer's <c>RequireVerifiedEmail</c>; the rule and its answer live here.
/// </summary>
internal static class VerifiedEmail
{
    /// <summary>The refusal of an unverified account.</summary>
    public static ForbiddenException Refusal() => new("Email not verified",
        "Confirm your email address first: open the link in the email we sent when you registered, or ask for a new one with " +
        "POST /api/v1/auth/verify-email/resend. " +
        "Until then this account may not create organizations, invite, accept invitations or turn on two-factor authentication.");

    /// <summary>Refuses (403, <see cref="Refusal"/>) a user whose address is not verified, as read now.</summary>
    /// <exception cref="ForbiddenException">403: the user's address is not verified.</exception>
    public static async Task RequireAsync(UserStore users, long userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        // Read from the database on each call, not from the token or a cache: a link opened a moment ago counts at once.
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is { EmailVerified: false })
            throw Refusal();
    }
}
