using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Database;

namespace TimeTracker.Accounts;

/// <summary>
/// The lockout, per account and client address (<see cref="ClientInfo.AddressKey"/>): each address gets
/// <see cref="AccountOptions.MaxFailedSignIns"/> password or code checks per lock window; the last of them failing
/// locks the account for that address, for <see cref="AccountOptions.LockoutDuration"/> and twice as long at each
/// further lock from it (up to <see cref="AccountOptions.MaxLockoutDuration"/>). Other addresses are not locked,
/// so a stranger cannot lock the owner out.
/// </summary>
/// <remarks>
/// A check is reserved before the password or code is verified, in one conditional statement: however many
/// guesses arrive at once, no more than the budget are ever verified. A check that succeeds gives its reservation
/// back. The reservation is counted as a failure until then, so concurrent guesses cannot all see a free budget.
/// </remarks>
internal sealed class SignInThrottle(AppDatabase database, IOptions<AccountOptions> options, TimeProvider time, ILogger<SignInThrottle> logger)
{
    /// <summary>Reserves one check of <paramref name="userId"/>'s password or code from <paramref name="clientKey"/>;
    /// null when that address is locked or its budget is taken.</summary>
    public async Task<ThrottleReservation?> ReserveAsync(long userId, string clientKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        // An expired lock opens a new window (this check its first); a lock that is in force, or a budget already
        // reserved to the last check, makes the WHERE false, and no row comes back.
        return await QueryAsync(
            "INSERT INTO sign_in_throttles (user_id, client_key, failures, last_failure_at, lockouts) VALUES (@user, @key, 1, @now, 0) " +
            "ON CONFLICT (user_id, client_key) DO UPDATE SET " +
            "failures = CASE WHEN sign_in_throttles.locked_until <= @now THEN 1 ELSE sign_in_throttles.failures + 1 END, " +
            "locked_until = CASE WHEN sign_in_throttles.locked_until <= @now THEN NULL ELSE sign_in_throttles.locked_until END, " +
            "lockouts = CASE WHEN sign_in_throttles.last_failure_at <= @forgotten THEN 0 ELSE sign_in_throttles.lockouts END " +
            "WHERE (sign_in_throttles.locked_until IS NULL AND sign_in_throttles.failures < @max) OR sign_in_throttles.locked_until <= @now " +
            "RETURNING id, user_id, lockouts",
            r => new ThrottleReservation(r.Int64("id"), r.Int64("user_id"), r.Int32("lockouts")), cancellationToken,
            ("user", userId), ("key", clientKey), ("now", now), ("forgotten", now - settings.LockoutMemory), ("max", settings.MaxFailedSignIns));
    }

    /// <summary>Records that the reserved check failed; the failure that finds the budget used up locks the account for that address.</summary>
    /// <returns>The end of the lock in force for that address after this failure, if there is one.</returns>
    public async Task<DateTimeOffset?> FailedAsync(ThrottleReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var lockedUntil = await QueryAsync(
            "UPDATE sign_in_throttles SET last_failure_at = @now, " +
            "locked_until = CASE WHEN failures >= @max AND locked_until IS NULL THEN @until ELSE locked_until END, " +
            "lockouts = CASE WHEN failures >= @max AND locked_until IS NULL THEN lockouts + 1 ELSE lockouts END " +
            "WHERE id = @id RETURNING locked_until",
            r => r.InstantOrNull("locked_until"), cancellationToken,
            ("now", now), ("max", settings.MaxFailedSignIns), ("until", now + LockDuration(reservation.Lockouts)), ("id", reservation.Id));
        if (lockedUntil > now)
        {
            Log.SignInLocked(logger, reservation.UserId, settings.MaxFailedSignIns, lockedUntil.Value);
            return lockedUntil;
        }
        return null;
    }

    /// <summary>Gives a check that succeeded back, when more is still to prove (a second factor, or a password given with an access token).</summary>
    public Task GiveBackAsync(ThrottleReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return ExecuteAsync(
            "UPDATE sign_in_throttles SET failures = failures - 1 WHERE id = @id AND failures > 0", cancellationToken, ("id", reservation.Id));
    }

    /// <summary>Forgets the address's failures and locks once it completed a sign-in: whoever signed in from there is the owner.</summary>
    public Task SignedInAsync(ThrottleReservation reservation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        return ExecuteAsync("DELETE FROM sign_in_throttles WHERE id = @id", cancellationToken, ("id", reservation.Id));
    }

    /// <summary>The end of the lock of <paramref name="userId"/> for <paramref name="clientKey"/>, if one is in force.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(long userId, string clientKey, CancellationToken cancellationToken)
    {
        var lockedUntil = await QueryAsync("SELECT locked_until FROM sign_in_throttles WHERE user_id = @user AND client_key = @key",
            r => r.InstantOrNull("locked_until"), cancellationToken, ("user", userId), ("key", clientKey));
        return lockedUntil > time.GetUtcNow() ? lockedUntil : null;
    }

    /// <summary>Lifts every lock of the account and forgets its failures (a password reset: whoever reads the mailbox owns the account).</summary>
    public static Task ForgetAsync(DbSession session, long userId, CancellationToken cancellationToken) =>
        session.ExecuteAsync("DELETE FROM sign_in_throttles WHERE user_id = @user", cancellationToken, ("user", userId));

    private TimeSpan LockDuration(int earlierLocks)
    {
        var settings = options.Value;
        var duration = settings.LockoutDuration;
        for (var i = 0; i < earlierLocks && duration < settings.MaxLockoutDuration; i++)
            duration *= 2;
        return duration < settings.MaxLockoutDuration ? duration : settings.MaxLockoutDuration;
    }

    private async Task<T?> QueryAsync<T>(
        string sql, Func<DbRow, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
            return await session.QuerySingleOrDefaultAsync(sql, map, cancellationToken, parameters);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
            await session.ExecuteAsync(sql, cancellationToken, parameters);
    }
}
