using System.Globalization;
using TimeTracker.Accounts.Passwords;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Validation;

namespace TimeTracker.Accounts;

/// <summary>
/// Sign-in with email and password, with lockout per account and client address (<see cref="SignInThrottle"/>).
/// Every refusal reads the same, so an answer never tells whether the account exists or is locked.
/// </summary>
internal sealed class SignIn(
    AppDatabase database, UserStore users, PasswordHashing hashing, SignInThrottle throttle, AccessTokenIssuer accessTokens,
        RefreshTokenStore refreshTokens)
{
    /// <summary>The one answer to every failed sign-in.</summary>
    public const string RefusedDetail = "The email or password is incorrect, or the account is temporarily locked after too many failed attempts.";

    /// <summary>Checks the password; returns tokens, or the user whose second factor is still needed.</summary>
    public async Task<SignInResult> SignInAsync(string? email, string? password, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var validation = new RequestValidation();
        var address = validation.Required("email", email);
        var secret = validation.Required("password", password);
        validation.ThrowIfInvalid();

        var user = EmailAddress.Normalize(address) is { } normalized ? await users.FindByEmailAsync(normalized, cancellationToken) : null;
        var reservation = user is null ? null : await throttle.ReserveAsync(user.Id, client.AddressKey, cancellationToken);
        // A missing account, or a check the throttle refused, still costs one hash: the answer's timing must not tell.
        var (matches, rehash) = await hashing.VerifyAsync(reservation is null ? null : user!.PasswordHash, secret, cancellationToken);
        if (reservation is null || !matches)
        {
            if (reservation is not null)
                await throttle.FailedAsync(reservation, cancellationToken);
            throw new AuthenticationFailedException("Sign-in refused", RefusedDetail);
        }
        if (!user!.IsActive)
        {
            await throttle.GiveBackAsync(reservation, cancellationToken);
            throw new AuthenticationFailedException("Sign-in refused", RefusedDetail);
        }

        // With a second factor pending only this check is given back: else each correct password would buy more guesses at the code.
        if (user.TotpEnabled)
            await throttle.GiveBackAsync(reservation, cancellationToken);
        else
            await throttle.SignedInAsync(reservation, cancellationToken);
        if (rehash)
        {
            // Made before a connection is taken: no pooled connection waits on a hash.
            var newHash = await hashing.HashAsync(secret, cancellationToken);
            var session = await database.OpenSessionAsync(cancellationToken);
            await using (session)
                await users.RehashPasswordAsync(session, user.Id, user.PasswordHash!, newHash, cancellationToken);
        }
        return user.TotpEnabled ? SignInResult.NeedsSecondFactor(user) : await IssueAsync(user, client, cancellationToken);
    }

    /// <summary>An access token and the first refresh token of a new session family.</summary>
    public async Task<SignInResult> IssueAsync(UserAccount user, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (access, expiresIn) = accessTokens.Issue(user);
        var refresh = await refreshTokens.StartFamilyAsync(user.Id, client, cancellationToken);
        return SignInResult.Tokens(new IssuedTokens(access, refresh, expiresIn));
    }

    /// <summary>
    /// Checks the password of a signed-in user before a change only its owner may make (the password, two-factor
    /// settings); 403 when it is wrong or the account is locked for the caller's address. A wrong one counts toward
    /// the same lockout as a failed sign-in: else a stolen access token would let its holder guess the password
    /// without limit.
    /// </summary>
    public async Task ReconfirmPasswordAsync(UserAccount user, string password, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var reservation = await ReserveOrThrowLockedAsync(user, client, cancellationToken);
        if ((await hashing.VerifyAsync(user.PasswordHash, password, cancellationToken)).Matches)
        {
            await throttle.GiveBackAsync(reservation, cancellationToken);
            return;
        }
        throw await throttle.FailedAsync(reservation, cancellationToken) is { } until
            ? Locked(until)
            : new ForbiddenException("Wrong password", "The password is incorrect.");
    }

    /// <summary>Reserves one check for a request made with an access token; 403 saying until when if the caller's address is locked.</summary>
    public async Task<ThrottleReservation> ReserveOrThrowLockedAsync(UserAccount user, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(client);
        return await throttle.ReserveAsync(user.Id, client.AddressKey, cancellationToken)
            ?? throw Locked(await throttle.LockedUntilAsync(user.Id, client.AddressKey, cancellationToken));
    }

    /// <summary>
    /// The refusal of a change asked for with an access token while the account is locked for the caller's address.
    /// Its holder knows whose account it is, so the lock need not be hidden as it is at sign-in.
    /// </summary>
    /// <param name="until">The end of the lock; null while the last checks of the window are still being made.</param>
    public static ForbiddenException Locked(DateTimeOffset? until) => new("Account locked", until is { } end
        ? string.Create(CultureInfo.InvariantCulture, $"Too many wrong passwords or codes from this address: " +
            $"the account is locked until {end.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC. Try again then.")
        : "Too many passwords or codes from this address are being checked at once: the account is locked for it. Try again in a few minutes.");
}
