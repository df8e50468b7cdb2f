using System.Data.Common;

namespace TimeTracker.Database;

/// <summary>
/// Statements sent to the database together: in one round trip where the driver can batch (PostgreSQL), one after
/// the other where it cannot (SQLite, which runs in the process anyway). Each statement still runs on its own, in
/// order: under PostgreSQL's READ COMMITTED each sees what had committed when it started, so a statement queued
/// after one that waits for a row lock sees whatever the lock's holder committed.
/// </summary>
/// <remarks>
/// Queue statements, run <see cref="ExecuteAsync"/> once, then read each <see cref="BatchResult{T}.Value"/>. A
/// statement that fails fails the whole call (and, inside a transaction, the transaction).
/// </remarks>
internal sealed class SqlBatch(DbSession session)
{
    private readonly List<Statement> _statements = [];

    /// <summary>The dialect of the session the statements run on (its capabilities, while queueing them).</summary>
    public SqlDialect Dialect => session.Dialect;
    private bool _started;
    private bool _completed;

    /// <summary>
    /// Runs what <paramref name="queue"/> queues on a batch of its own and returns its result: the awaitable form
    /// of a read that can also be queued with others.
    /// </summary>
    public static async Task<T> RunAsync<T>(DbSession session, Func<SqlBatch, BatchResult<T>> queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var batch = new SqlBatch(session);
        var result = queue(batch);
        await batch.ExecuteAsync(cancellationToken);
        return result.Value;
    }

    /// <summary>Queues a query; its result is every row, mapped by <paramref name="map"/>.</summary>
    public BatchResult<List<T>> Query<T>(string sql, Func<DbRow, T> map, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        var rows = new List<T>();
        return Add(sql, parameters, async (reader, cancellationToken) =>
        {
            var row = new DbRow(reader, sql);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(map(row));
        }, null, () => rows);
    }

    /// <summary>Queues a query; its result is the first row mapped by <paramref name="map"/>, or default when there is none.</summary>
    public BatchResult<T?> QuerySingleOrDefault<T>(string sql, Func<DbRow, T> map, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        T? row = default;
        return Add(sql, parameters, async (reader, cancellationToken) =>
        {
            if (await reader.ReadAsync(cancellationToken))
                row = map(new DbRow(reader, sql));
        }, null, () => row);
    }

    /// <summary>Queues a statement that returns no rows (an INSERT, UPDATE or DELETE without RETURNING); its result is
    /// how many rows it changed.</summary>
    public BatchResult<int> Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        var changed = 0;
        return Add(sql, parameters, null, count => changed = count, () => changed);
    }

    /// <summary>Runs the queued statements, in order (nothing when none are queued).</summary>
    /// <exception cref="InvalidOperationException">The batch has run already.</exception>
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        if (_started)
            throw new InvalidOperationException("This batch has run already; queue further statements on a new one.");
        _started = true;
        if (session.Connection.CanCreateBatch && _statements.Count > 1)
            await ExecuteAsBatchAsync(cancellationToken);
        else
            foreach (var statement in _statements)
                await ExecuteAloneAsync(statement, cancellationToken);
        _completed = true;
    }

    private async Task ExecuteAsBatchAsync(CancellationToken cancellationToken)
    {
        var batch = session.Connection.CreateBatch();
        await using (batch)
        {
            batch.Transaction = session.Transaction;
            foreach (var statement in _statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = statement.Sql;
                SqlCommands.Bind(session.Dialect, command.Parameters, command.CreateParameter, statement.Parameters);
                batch.BatchCommands.Add(command);
            }
            var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await using (reader)
            {
                // The reader moves from result set to result set; statements that return no rows have none.
                var queries = _statements.Where(s => s.Read is not null).ToList();
                var first = true;
                foreach (var statement in queries)
                {
                    if (!first && !await reader.NextResultAsync(cancellationToken))
                        throw new InvalidOperationException(
                            $"The batch gave back fewer result sets than it has queries; '{statement.Sql}' returned none.");
                    first = false;
                    await statement.Read!(reader, cancellationToken);
                }
                // A result set beyond the queries' means an Execute statement returned rows, and every query after it
                // has been handed the wrong rows.
                if (queries.Count == 0 ? reader.FieldCount > 0 : await reader.NextResultAsync(cancellationToken))
                    throw new InvalidOperationException("A statement queued with Execute returned rows, " +
                        "so the batch's results cannot be told apart; queue it with Query or QuerySingleOrDefault.");
            }
            for (var i = 0; i < _statements.Count; i++)
                _statements[i].Changed?.Invoke(batch.BatchCommands[i].RecordsAffected);
        }
    }

    private async Task ExecuteAloneAsync(Statement statement, CancellationToken cancellationToken)
    {
        var command = SqlCommands.Create(session, statement.Sql, statement.Parameters);
        await using (command)
        {
            if (statement.Read is null)
            {
                statement.Changed!(await command.ExecuteNonQueryAsync(cancellationToken));
                return;
            }
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            await using (reader)
                await statement.Read(reader, cancellationToken);
        }
    }

    private BatchResult<T> Add<T>(
        string sql, (string Name, object? Value)[] parameters, Func<DbDataReader, CancellationToken, Task>? read, Action<int>? changed, Func<T> value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        if (_started)
            throw new InvalidOperationException("This batch has run already; queue further statements on a new one.");
        _statements.Add(new Statement(sql, parameters, read, changed));
        return new BatchResult<T>(() => _completed ? value()
            : throw new InvalidOperationException("The batch has not run to the end; read its results after ExecuteAsync returns."));
    }

    private sealed record Statement(
        string Sql, (string Name, object? Value)[] Parameters, Func<DbDataReader, CancellationToken, Task>? Read, Action<int>? Changed);
}
