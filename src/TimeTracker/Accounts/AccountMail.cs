using Microsoft.Extensions.Options;
using TimeTracker.Email;
using TimeTracker.Site;

namespace TimeTracker.Accounts;

/// <summary>The emails of the account flows. Links carry the raw token as <c>?token=</c>.</summary>
internal sealed class AccountMail(IOptions<AccountOptions> options, IOptions<SiteOptions> site)
{
    /// <summary>The link to confirm an address.</summary>
    public EmailMessage Verification(string to, string name, string token) => new(to, "Confirm your email address for TimeTracker",
        $"Hello {name},\n\nconfirm that this is your address by opening this link within {Hours(options.Value.VerificationTokenLifetime)}:\n\n" +
        $"{Link("verify-email", token)}\n\nIf you did not create a TimeTracker account, ignore this email.\n");

    /// <summary>Sent instead of a second account when someone registers an address that has one.</summary>
    public EmailMessage AlreadyRegistered(string to, string name) => new(to, "You already have a TimeTracker account",
        $"Hello {name},\n\nsomeone (perhaps you) tried to create a TimeTracker account with this address, which already has one. " +
        $"Sign in instead; if you forgot your password, request a reset at {site.Value.BaseUrl}/reset-password.\n\n" +
        "If it was not you, you can ignore this email: nothing was changed.\n");

    /// <summary>The link to choose a new password.</summary>
    public EmailMessage PasswordReset(string to, string name, string token) => new(to, "Reset your TimeTracker password",
        $"Hello {name},\n\nchoose a new password by opening this link within {Hours(options.Value.PasswordResetTokenLifetime)}:\n\n" +
        $"{Link("reset-password", token)}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n");

    /// <summary>Tells the owner that the password changed and every session was signed out.</summary>
    public static EmailMessage PasswordChanged(string to, string name) => new(to, "Your TimeTracker password was changed",
        $"Hello {name},\n\nthe password of your TimeTracker account was just changed, and every device signed in to it was signed out.\n\n" +
        "If you did not do this, reset your password at once and contact us.\n");

    /// <summary>Tells the owner that TOTP was turned on and every other device signed out: if it was not them, the
    /// account is not theirs alone.</summary>
    public static EmailMessage TwoFactorEnabled(string to, string name) => new(
        to, "Two-factor authentication was turned on for your TimeTracker account",
        $"Hello {name},\n\ntwo-factor authentication was just turned on for your TimeTracker account: signing in now also needs a code from " +
        "an authenticator app. Every other device signed in to the account was signed out.\n\n" +
        "If you did not do this, someone else has your password and a session: reset your password at once and contact us.\n");

    /// <summary>Tells the owner that TOTP was turned off.</summary>
    public static EmailMessage TwoFactorDisabled(string to, string name) => new(
        to, "Two-factor authentication was turned off for your TimeTracker account",
        $"Hello {name},\n\ntwo-factor authentication was just turned off for your TimeTracker account, " +
        $"and every device signed in to it was signed out. " +
        "Signing in now needs the password alone.\n\nIf you did not do this, reset your password at once and contact us.\n");

    private string Link(string page, string token) => $"{site.Value.BaseUrl}/{page}?token={Uri.EscapeDataString(token)}";

    private static string Hours(TimeSpan lifetime) =>
        lifetime.TotalHours >= 1 ? $"{lifetime.TotalHours:0.#} hour{(lifetime.TotalHours == 1 ? "" : "s")}" : $"{lifetime.TotalMinutes:0} minutes";
}
