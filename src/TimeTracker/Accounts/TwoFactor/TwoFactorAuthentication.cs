using System.Buffers.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Background;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Accounts.TwoFactor;

/// <summary>
/// TOTP as a second factor. Where ASP.NET Core Identity's defaults are weak, this is stricter: a code, or any
/// code of an earlier time step, is never accepted twice (<c>users.totp_last_step</c>); backup codes are stored
/// hashed and each works once; the secret is encrypted at rest with Data Protection; setting it up and turning
/// it on need the password, turning it off or replacing backup codes the password and a current code; turning it
/// on ends every other session, turning it off every session, and either emails the owner.
/// </summary>
internal sealed class TwoFactorAuthentication(
    AppDatabase database, Profile profile, UserStore users, IDataProtectionProvider protection,
    SignInChallenge challenges, SignIn signIn, SignInThrottle throttle, SessionRevocation sessions, BackgroundWork background, TimeProvider time)
{
    /// <summary>The issuer authenticator apps show beside the account.</summary>
    public const string Issuer = "TimeTracker";

    private readonly IDataProtector _secrets = protection.CreateProtector("TimeTracker.Accounts.TotpSecret.v1");

    /// <summary>
    /// A new secret, stored (encrypted) but not yet in force until <see cref="EnableAsync"/> proves the app has it.
    /// Needs the password: an access token alone must not be enough to bind a device to the account.
    /// </summary>
    public async Task<TotpSetup> SetupAsync(long userId, string? password, ClientInfo client, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var current = validation.Required("password", password);
        validation.ThrowIfInvalid();
        var user = await profile.CurrentAsync(userId, cancellationToken);
        await signIn.ReconfirmPasswordAsync(user, current, client, cancellationToken);
        if (user.TotpEnabled)
            throw new ConflictException("Two-factor authentication is on",
                "Two-factor authentication is already on. Turn it off first (POST /api/v1/auth/2fa/disable) to use another device.");
        var secret = TotpCodes.NewSecret();
        await ExecuteAsync("UPDATE users SET totp_secret = @secret, totp_last_step = NULL, backup_codes = NULL WHERE id = @id AND totp_enabled = @no",
            cancellationToken,
            ("secret", Base64Url.EncodeToString(_secrets.Protect(secret))), ("id", user.Id), ("no", false));
        return new TotpSetup(TotpCodes.ToBase32(secret), TotpCodes.Uri(Issuer, user.Email, secret));
    }

    /// <summary>
    /// Turns TOTP on, given the password and a code from the app that matches the secret of <see cref="SetupAsync"/>.
    /// Every other session ends (whoever else holds one signed in without the second factor); the caller gets new
    /// tokens with the backup codes, which are shown this once, and the owner is emailed.
    /// </summary>
    public async Task<TotpEnabled> EnableAsync(
        long userId, string? password, string? code, ClientInfo client, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var current = validation.Required("password", password);
        var value = validation.Required("code", code);
        validation.ThrowIfInvalid();
        var user = await profile.CurrentAsync(userId, cancellationToken);
        await signIn.ReconfirmPasswordAsync(user, current, client, cancellationToken);
        if (user.TotpEnabled)
            throw new ConflictException("Two-factor authentication is on", "Two-factor authentication is already on.");
        if (user.TotpSecret is null)
            throw new ConflictException("No secret set up",
                "Call POST /api/v1/auth/2fa/setup first and add the secret to an authenticator app.");
        var step = TotpCodes.MatchingStep(Secret(user), value, time.GetUtcNow())
            ?? throw new InvalidRequestException(
                "Wrong code", "The code does not match the secret. Check that the device's clock is right and enter the current code.");
        var (codes, stored) = BackupCodes.Create();
        int stamp;
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var transaction = await session.BeginAsync(cancellationToken);
            await using (transaction)
            {
                var enabled = await session.ExecuteAsync(
                    "UPDATE users SET totp_enabled = @yes, totp_last_step = @step, backup_codes = @codes WHERE id = @id AND totp_enabled = @no " +
                    "AND (totp_last_step IS NULL OR totp_last_step < @step)",
                    cancellationToken, ("yes", true), ("step", step), ("codes", stored), ("id", user.Id), ("no", false));
                if (enabled != 1)
                    throw new ConflictException("Already enabled", "Two-factor authentication was turned on by another request.");
                stamp = await sessions.EndAllAsync(session, user.Id, cancellationToken);
                await session.CommitAsync(cancellationToken);
            }
        }
        var tokens = (await signIn.IssueAsync(user with { TotpEnabled = true, SecurityStamp = stamp }, client, cancellationToken)).Issued!;
        background.Enqueue(
            (services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(AccountMail.TwoFactorEnabled(user.Email, user.Name), ct));
        return new TotpEnabled(codes, tokens);
    }

    /// <summary>
    /// Turns TOTP off, given the password and a current code: the secret and backup codes are deleted, every session
    /// ends (this one too, as after a change of password) and the owner is emailed.
    /// </summary>
    public async Task DisableAsync(long userId, string? password, string? code, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await ConfirmedAsync(userId, password, code, client, cancellationToken);
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            await ClearAsync(session, user.Id, cancellationToken);
            await sessions.EndAllAsync(session, user.Id, cancellationToken);
            await session.CommitAsync(cancellationToken);
        }
        background.Enqueue(
            (services, ct) => services.GetRequiredService<IEmailSender>().SendAsync(AccountMail.TwoFactorDisabled(user.Email, user.Name), ct));
    }

    /// <summary>Turns TOTP off and deletes the secret and backup codes, within the caller's transaction.</summary>
    public static Task<int> ClearAsync(DbSession session, long userId, CancellationToken cancellationToken) =>
        session.ExecuteAsync("UPDATE users SET totp_enabled = @no, totp_secret = NULL, backup_codes = NULL, totp_last_step = NULL WHERE id = @id",
            cancellationToken, ("no", false), ("id", userId));

    /// <summary>Replaces every backup code, given the password and a current code; returns the new ones, once.</summary>
    public async Task<IReadOnlyList<string>> RegenerateBackupCodesAsync(
        long userId, string? password, string? code, ClientInfo client, CancellationToken cancellationToken)
    {
        var user = await ConfirmedAsync(userId, password, code, client, cancellationToken);
        var (codes, stored) = BackupCodes.Create();
        await ExecuteAsync("UPDATE users SET backup_codes = @codes WHERE id = @id", cancellationToken, ("codes", stored), ("id", user.Id));
        return codes;
    }

    /// <summary>
    /// Completes a sign-in that got the password right with a code or a backup code. Each check is reserved from the
    /// same budget as passwords (per account and client address) before it is made; failures count toward lockout.
    /// </summary>
    public async Task<IssuedTokens> CompleteSignInAsync(
        string? challenge, string? code, string? backupCode, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var validation = new RequestValidation();
        var proof = validation.Required("challenge", challenge);
        if (string.IsNullOrWhiteSpace(code) == string.IsNullOrWhiteSpace(backupCode))
            validation.Add("code", "Give either 'code' (from the authenticator app) or 'backupCode', not both and not neither.");
        validation.ThrowIfInvalid();

        var (userId, stamp) = challenges.Read(proof)
            ?? throw new AuthenticationFailedException(
                "Challenge expired", "The sign-in challenge is invalid or expired. Sign in with the password again.");
        var user = await users.FindByIdAsync(userId, cancellationToken);
        // A reset or change of password since the challenge was issued voids it: the password it proved may no longer be the account's.
        if (user?.SecurityStamp != stamp)
            throw new AuthenticationFailedException("Challenge expired", "The sign-in challenge is no longer valid: " +
                "the account's password or sessions changed since it was issued. Sign in with the password again.");
        if (user is not { IsActive: true, TotpEnabled: true })
            throw new AuthenticationFailedException("Sign-in refused", SignIn.RefusedDetail);
        var reservation = await throttle.ReserveAsync(user.Id, client.AddressKey, cancellationToken)
            ?? throw new AuthenticationFailedException("Sign-in refused", SignIn.RefusedDetail);
        var accepted = code is not null && !string.IsNullOrWhiteSpace(code)
            ? await AcceptCodeAsync(user, code, cancellationToken)
            : await UseBackupCodeAsync(user, backupCode!, cancellationToken);
        if (!accepted)
        {
            await throttle.FailedAsync(reservation, cancellationToken);
            throw new AuthenticationFailedException(
                "Wrong code", "The code is not valid or was already used. Enter the current code from the app, or an unused backup code.");
        }
        await throttle.SignedInAsync(reservation, cancellationToken);
        return (await signIn.IssueAsync(user, client, cancellationToken)).Issued!;
    }

    private async Task<UserAccount> ConfirmedAsync(
        long userId, string? password, string? code, ClientInfo client, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var secret = validation.Required("password", password);
        var value = validation.Required("code", code);
        validation.ThrowIfInvalid();
        var user = await profile.CurrentAsync(userId, cancellationToken);
        if (!user.TotpEnabled)
            throw new ConflictException("Two-factor authentication is off", "Two-factor authentication is not on for this account.");
        await signIn.ReconfirmPasswordAsync(user, secret, client, cancellationToken);
        // Reserved and counted like a code at sign-in: the password alone must not buy unlimited guesses at the code.
        var reservation = await signIn.ReserveOrThrowLockedAsync(user, client, cancellationToken);
        if (!await AcceptCodeAsync(user, value, cancellationToken))
        {
            throw await throttle.FailedAsync(reservation, cancellationToken) is { } until
                ? SignIn.Locked(until)
                : new ForbiddenException("Wrong code", "The code is not valid or was already used. Enter the current code from the app.");
        }
        await throttle.GiveBackAsync(reservation, cancellationToken);
        return user;
    }

    /// <summary>Accepts a code only for a time step later than any accepted before (one statement: two requests cannot both win).</summary>
    private async Task<bool> AcceptCodeAsync(UserAccount user, string code, CancellationToken cancellationToken)
    {
        if (user.TotpSecret is null || TotpCodes.MatchingStep(Secret(user), code, time.GetUtcNow()) is not { } step)
            return false;
        return await ExecuteAsync("UPDATE users SET totp_last_step = @step WHERE id = @id AND (totp_last_step IS NULL OR totp_last_step < @step)",
            cancellationToken, ("step", step), ("id", user.Id)) == 1;
    }

    /// <summary>Uses up a backup code; the update only applies to the codes it read, so one code cannot be spent twice.</summary>
    private async Task<bool> UseBackupCodeAsync(UserAccount user, string code, CancellationToken cancellationToken)
    {
        if (BackupCodes.Without(user.BackupCodes, code) is not { } remaining)
            return false;
        return await ExecuteAsync("UPDATE users SET backup_codes = @remaining WHERE id = @id AND backup_codes = @before",
            cancellationToken, ("remaining", remaining), ("id", user.Id), ("before", user.BackupCodes)) == 1;
    }

    private byte[] Secret(UserAccount user) => _secrets.Unprotect(Base64Url.DecodeFromChars(user.TotpSecret!));

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
            return await session.ExecuteAsync(sql, cancellationToken, parameters);
    }
}
