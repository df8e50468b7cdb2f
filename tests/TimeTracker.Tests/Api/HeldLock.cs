using System.Data.Common;
using System.Globalization;

namespace TimeTracker.Tests.Api;

/// <summary>
/// A lock held on a <see cref="TestApi"/>'s PostgreSQL database from outside the API, in a transaction of its
/// own, so that a test can stop concurrent requests at exactly the statement that needs it, see them all
/// waiting there, and then let them go together. Disposing releases it.
/// </summary>
public sealed class HeldLock : IAsyncDisposable
{
    private readonly TestApi _api;
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    private HeldLock(TestApi api, DbConnection connection, DbTransaction transaction)
    {
        _api = api;
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Runs <paramref name="lockingSql"/> (a <c>SELECT … FOR UPDATE</c> or <c>LOCK TABLE</c>) in a new transaction and keeps it open.</summary>
    public static async Task<HeldLock> TakeAsync(TestApi api, string lockingSql)
    {
        var connection = await api.Services.GetDatabase().OpenAsync(CancellationToken.None);
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = lockingSql;
            await command.ExecuteNonQueryAsync();
        }
        return new HeldLock(api, connection, transaction);
    }

    /// <summary>Runs one more statement in the held transaction (which may wait on the sessions that wait on it).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Waits until <paramref name="count"/> other sessions of the database wait on a lock.</summary>
    public async Task WaitForWaitersAsync(int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var waiting = await _api.SqlAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if (int.Parse(waiting[0], CultureInfo.InvariantCulture) >= count)
                return;
            await Task.Delay(50);
        }
        Assert.Fail($"{count} requests never came to wait on the held lock.");
    }

    /// <summary>Ends the transaction, letting the waiting sessions go on.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transaction.RollbackAsync();
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
