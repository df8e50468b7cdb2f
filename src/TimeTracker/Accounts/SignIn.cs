using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts.Passwords;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Database;
using TimeTracker.Hosting;

namespace TimeTracker.Accounts;

/// <summary>
/// Sign-in with email and password, with lockout: after <see cref="AccountOptions.MaxFailedSignIns"/> failures
/// in a row the account refuses every password for <see cref="AccountOptions.LockoutDuration"/>. Every refusal
/// reads the same, so an answer never tells whether the account exists or is locked.
/// </summary>
internal sealed partial class SignIn(
    AppDatabase database, UserStore users, PasswordHashing hashing, AccessTokenIssuer accessTokens, RefreshTokenStore refreshTokens,
    IOptions<AccountOptions> options, TimeProvider time, ILogger<SignIn> logger)
{
    /// <summary>The one answer to every failed sign-in.</summary>
    public const string RefusedDetail = "The email or password is incorrect, or the account is temporarily locked after too many failed attempts.";

    /// <summary>Checks the password; returns tokens, or the user whose second factor is still needed.</summary>
    public async Task<SignInResult> SignInAsync(string? email, string? password, ClientInfo client, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var address = validation.Required("email", email);
        var secret = validation.Required("password", password);
        validation.ThrowIfInvalid();

        var user = EmailAddress.Normalize(address) is { } normalized ? await users.FindByEmailAsync(normalized, cancellationToken).ConfigureAwait(false) : null;
        var now = time.GetUtcNow();
        var locked = user?.LockedUntil > now;
        // A missing or locked account still costs one hash check: the answer's timing must not tell.
        var (matches, rehash) = await hashing.VerifyAsync(locked ? null : user?.PasswordHash, secret, cancellationToken).ConfigureAwait(false);
        if (user is null || locked || !matches || !user.IsActive)
        {
            if (user is not null && !locked && !matches)
                await RecordFailureAsync(user, now, cancellationToken).ConfigureAwait(false);
            throw new ApiProblemException(401, "Sign-in refused", RefusedDetail);
        }

        // Made before a connection is taken: no pooled connection waits on a hash.
        var newHash = rehash ? await hashing.HashAsync(secret, cancellationToken).ConfigureAwait(false) : null;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // With a second factor pending the count stays: else each correct password would buy five more guesses at the code.
            if (!user.TotpEnabled && (user.FailedSignInCount > 0 || user.LockedUntil is not null))
                await connection.ExecuteAsync(null, "UPDATE users SET failed_sign_in_count = 0, locked_until = NULL WHERE id = @id", cancellationToken, ("id", user.Id)).ConfigureAwait(false);
            if (newHash is not null)
                await users.SetPasswordHashAsync(connection, null, user.Id, newHash, cancellationToken).ConfigureAwait(false);
        }
        return user.TotpEnabled ? SignInResult.NeedsSecondFactor(user) : await IssueAsync(user, client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An access token and the first refresh token of a new session family.</summary>
    public async Task<SignInResult> IssueAsync(UserAccount user, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var (access, expiresIn) = accessTokens.Issue(user);
        var refresh = await refreshTokens.StartFamilyAsync(user.Id, client, cancellationToken).ConfigureAwait(false);
        return SignInResult.Tokens(new TokenResponse(access, refresh, expiresIn));
    }

    /// <summary>
    /// Checks the password of a signed-in user before a change only its owner may make (the password, two-factor
    /// settings); 403 when it is wrong or the account is locked. A wrong one counts toward the same lockout as a
    /// failed sign-in: else a stolen access token would let its holder guess the password without limit.
    /// </summary>
    public async Task ReconfirmPasswordAsync(UserAccount user, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        if (user.LockedUntil > now)
            throw Locked(user.LockedUntil.Value);
        if ((await hashing.VerifyAsync(user.PasswordHash, password, cancellationToken).ConfigureAwait(false)).Matches)
            return;
        var lockedUntil = await RecordFailureAsync(user, now, cancellationToken).ConfigureAwait(false);
        throw lockedUntil > now ? Locked(lockedUntil.Value) : new ApiProblemException(403, "Wrong password", "The password is incorrect.");
    }

    /// <summary>Counts a failed attempt; the one that reaches the limit locks the account and starts counting again.</summary>
    /// <returns>The end of the lockout this failure started, if it started one.</returns>
    public async Task<DateTimeOffset?> RecordFailureAsync(UserAccount user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = options.Value;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One statement, so that concurrent failures all count.
            var lockedUntil = await connection.QuerySingleOrDefaultAsync(null,
                "UPDATE users SET " +
                "locked_until = CASE WHEN failed_sign_in_count + 1 >= @max THEN @until ELSE locked_until END, " +
                "failed_sign_in_count = CASE WHEN failed_sign_in_count + 1 >= @max THEN 0 ELSE failed_sign_in_count + 1 END " +
                "WHERE id = @id RETURNING locked_until",
                r => r.GetInstantOrNull(0), cancellationToken, ("max", settings.MaxFailedSignIns), ("until", now + settings.LockoutDuration), ("id", user.Id)).ConfigureAwait(false);
            if (lockedUntil > now)
            {
                LogLocked(logger, user.Id, settings.MaxFailedSignIns, lockedUntil.Value);
                return lockedUntil;
            }
            return null;
        }
    }

    /// <summary>
    /// The refusal of a change asked for with an access token while the account is locked. Its holder knows whose
    /// account it is, so the lock need not be hidden as it is at sign-in.
    /// </summary>
    public static ApiProblemException Locked(DateTimeOffset until) => new(403, "Account locked",
        string.Create(CultureInfo.InvariantCulture, $"Too many wrong passwords or codes: the account is locked until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC. Try again then."));

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "User {UserId} locked after {Count} failed sign-ins, until {Until:o}")]
    private static partial void LogLocked(ILogger logger, long userId, int count, DateTimeOffset until);
}
