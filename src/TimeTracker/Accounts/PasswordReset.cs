using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts.Passwords;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Background;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Accounts;

/// <summary>
/// Forgotten passwords: a single-use link by email (requested with an answer that is the same for any
/// address), then a new password that signs out every session, voids the other reset links and tells the owner.
/// </summary>
internal sealed class PasswordReset(
    AppDatabase database, UserStore users, PasswordPolicy policy, PasswordHashing hashing, EmailTokenStore tokens, SessionRevocation sessions,
    BackgroundWork background, IOptions<AccountOptions> options)
{
    /// <summary>Queues the reset email when the address has an active account; returns at once either way.</summary>
    public void Request(string? email)
    {
        var validation = new RequestValidation();
        var address = validation.Email("email", email);
        validation.ThrowIfInvalid();
        background.Enqueue(async (services, cancellationToken) =>
        {
            if (await services.GetRequiredService<UserStore>().FindByEmailAsync(address, cancellationToken) is not { IsActive: true } user)
                return;
            string token;
            var session = await database.OpenSessionAsync(cancellationToken);
            await using (session)
                token = await tokens.CreateAsync(
                    session, EmailTokenKind.PasswordReset, user.Id, user.Email, options.Value.PasswordResetTokenLifetime, cancellationToken);
            await services.GetRequiredService<IEmailSender>().SendAsync(
                services.GetRequiredService<AccountMail>().PasswordReset(user.Email, user.Name, token), cancellationToken);
        });
    }

    /// <summary>
    /// Sets the new password, ends every session of the user (<see cref="SessionRevocation"/>), voids the other reset
    /// links, lifts its locks (from every address), clears TOTP if the address was never verified, and emails a notice.
    /// </summary>
    public async Task ConfirmAsync(string? token, string? newPassword, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var value = validation.Required("token", token);
        validation.Required("newPassword", newPassword);
        validation.ThrowIfInvalid();

        // The new password is judged knowing whose it is (their address and name are easy guesses), before the link is used up.
        UserAccount owner;
        var peek = await database.OpenSessionAsync(cancellationToken);
        await using (peek)
        {
            owner = await tokens.FindUserAsync(peek, EmailTokenKind.PasswordReset, value, cancellationToken) is { } ownerId
                ? (await UserStore.FindByIdAsync(peek, ownerId, cancellationToken))!
                : throw InvalidToken();
        }
        var strength = new RequestValidation();
        var secret = strength.NewPassword("newPassword", newPassword, policy, owner.Email, owner.Name);
        strength.ThrowIfInvalid();

        var hash = await hashing.HashAsync(secret, cancellationToken);
        UserAccount user;
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            var consumed = await tokens.ConsumeAsync(session, EmailTokenKind.PasswordReset, value, cancellationToken)
                ?? throw InvalidToken();
            user = (await UserStore.FindByIdAsync(session, consumed.UserId, cancellationToken))!;
            await users.SetPasswordHashAsync(session, user.Id, hash, cancellationToken);
            // Whoever can read the mailbox owns the account: the locks of someone guessing no longer apply.
            await SignInThrottle.ForgetAsync(session, user.Id, cancellationToken);
            await sessions.EndAllAsync(session, user.Id, cancellationToken);
            await tokens.RevokeAllAsync(session, EmailTokenKind.PasswordReset, user.Id, cancellationToken);
            // An unverified account may have been registered by someone else before the owner of the address: the
            // reset proves the mailbox, so whatever second factor the registrant bound goes with their password.
            if (!user.EmailVerified && user.TotpSecret is not null)
                await TwoFactor.TwoFactorAuthentication.ClearAsync(session, user.Id, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        background.Enqueue(
            (services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(AccountMail.PasswordChanged(user.Email, user.Name), ct));
        if (!user.EmailVerified && user.TotpEnabled)
            background.Enqueue(
                (services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(AccountMail.TwoFactorDisabled(user.Email, user.Name), ct));
    }

    private static InvalidRequestException InvalidToken() =>
        new("Invalid reset token",
            "The password reset link is unknown, expired or already used. Request a new one with POST /api/v1/auth/password-reset.");
}
