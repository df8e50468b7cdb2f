using System.Globalization;
using Npgsql;
using Waymark.Execution;

namespace Waymark.Postgres;

/// <summary>
/// The session-level advisory lock that serialises migration runs on one database (advisory locks are
/// scoped to the database). It belongs to the run's connection, so a run that dies releases it at once.
/// </summary>
internal sealed class PostgresAdvisoryLock : IAsyncDisposable
{
    // ('W','A','Y','M') and 1: a key pair unlikely to meet an application's own advisory locks.
    private const int ClassKey = 0x5741594D;
    private const int ObjectKey = 1;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly NpgsqlConnection _connection;

    private PostgresAdvisoryLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<PostgresAdvisoryLock> AcquireAsync(
        NpgsqlConnection connection, string database, TimeSpan timeout, Action<string>? waiting, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        string? holder = null;
        while (true)
        {
            await using (var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({ClassKey}, {ObjectKey})", connection))
            {
                if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                    return new PostgresAdvisoryLock(connection);
            }
            if (holder is null)
            {
                holder = await DescribeHolderAsync(connection, cancellationToken).ConfigureAwait(false);
                waiting?.Invoke(holder);
            }
            if (DateTime.UtcNow >= deadline)
                throw new MigrationLockTimeoutException($"advisory lock ({ClassKey}, {ObjectKey}) on {database}, held by {holder}", timeout);
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.State != System.Data.ConnectionState.Open)
            return;
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({ClassKey}, {ObjectKey})", _connection);
        await command.ExecuteScalarAsync().ConfigureAwait(false);
    }

    private static async Task<string> DescribeHolderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT a.pid, coalesce(a.usename, ''), coalesce(a.application_name, ''), coalesce(host(a.client_addr), 'local socket'), a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = {ClassKey} AND l.objid = {ObjectKey} AND l.objsubid = 2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            return "another session (it may have just finished)";
        var started = reader.GetFieldValue<DateTime>(4).ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var application = reader.GetString(2).Length > 0 ? $"{reader.GetString(2)}, " : "";
        return $"server process {reader.GetInt32(0)} ({application}user {reader.GetString(1)} from {reader.GetString(3)}, connected {started})";
    }
}
