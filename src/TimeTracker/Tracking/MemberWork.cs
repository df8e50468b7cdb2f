using TimeTracker.Database;

namespace TimeTracker.Tracking;

/// <summary>
/// How every time-tracking request starts: a pooled connection, then the caller's membership of the organization
/// (404 without one), then the work, optionally in a transaction that commits when the work returns and rolls back
/// when it throws.
/// </summary>
internal static class MemberWork
{
    /// <summary>Runs <paramref name="work"/> as the caller, statement by statement.</summary>
    public static async Task<T> AsMemberAsync<T>(this AppDatabase database, long userId, long organizationId,
        Func<DbSession, MemberContext, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(work);
        var session = await database.OpenSessionAsync(cancellationToken);
        await using (session)
        {
            var member = await MemberContext.LoadAsync(session, userId, organizationId, cancellationToken);
            return await work(session, member);
        }
    }

    /// <summary>Runs <paramref name="work"/> as the caller in one transaction.</summary>
    public static async Task<T> InTransactionAsMemberAsync<T>(this AppDatabase database, long userId, long organizationId,
        Func<DbSession, MemberContext, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(work);
        return await database.InTransactionAsync(async session =>
            await work(session, await MemberContext.LoadAsync(session, userId, organizationId, cancellationToken)), cancellationToken);
    }

    /// <summary><see cref="InTransactionAsMemberAsync{T}"/> for work with no result.</summary>
    public static Task InTransactionAsMemberAsync(this AppDatabase database, long userId, long organizationId,
        Func<DbSession, MemberContext, Task> work, CancellationToken cancellationToken) =>
        database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            await work(session, member);
            return true;
        }, cancellationToken);
}
