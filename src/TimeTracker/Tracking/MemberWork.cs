using System.Data.Common;
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
        Func<DbConnection, MemberContext, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(work);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var member = await MemberContext.LoadAsync(connection, null, userId, organizationId, cancellationToken).ConfigureAwait(false);
            return await work(connection, member).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="work"/> as the caller in one transaction.</summary>
    public static async Task<T> InTransactionAsMemberAsync<T>(this AppDatabase database, long userId, long organizationId,
        Func<DbConnection, DbTransaction, MemberContext, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(work);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var member = await MemberContext.LoadAsync(connection, transaction, userId, organizationId, cancellationToken).ConfigureAwait(false);
                var result = await work(connection, transaction, member).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    /// <summary><see cref="InTransactionAsMemberAsync{T}"/> for work with no result.</summary>
    public static Task InTransactionAsMemberAsync(this AppDatabase database, long userId, long organizationId,
        Func<DbConnection, DbTransaction, MemberContext, Task> work, CancellationToken cancellationToken) =>
        database.InTransactionAsMemberAsync(userId, organizationId, async (connection, transaction, member) =>
        {
            await work(connection, transaction, member).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
