using System.Data.Common;

namespace TimeTracker.Database;

/// <summary>
/// One unit of work on the database: a pooled connection, the transaction it is in (if any) and the capabilities
/// of its <see cref="SqlDialect"/>. Stores and services take a session, never a connection and a transaction, so
/// that a statement always runs in the transaction its caller began. Disposing it rolls back what was not committed
/// and returns the connection to the pool.
/// </summary>
/// <remarks>
/// Rows are read by column name (<see cref="DbRow"/>), parameters bound as the dialect stores them. Dapper.AOT was
/// tried for the reads and not kept: it cannot read SQLite's text instants as <see cref="DateTimeOffset"/>, and would
/// bind parameters past the dialect (docs/database.md).
/// </remarks>
internal sealed class DbSession : IAsyncDisposable
{
    private readonly bool _ownsConnection;

    internal DbSession(DbConnection connection, SqlDialect dialect, DbTransaction? transaction, bool ownsConnection)
    {
        Connection = connection;
        Dialect = dialect;
        Transaction = transaction;
        _ownsConnection = ownsConnection;
    }

    /// <summary>What the database does differently: locks, instants, JSON, name order.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The open connection.</summary>
    internal DbConnection Connection { get; }

    /// <summary>The transaction statements run in, or null between transactions.</summary>
    internal DbTransaction? Transaction { get; private set; }

    /// <summary>
    /// A session on a connection opened elsewhere (a test's, a tool's), in <paramref name="transaction"/> if given;
    /// disposing it closes the connection only when <paramref name="ownsConnection"/>.
    /// </summary>
    public static DbSession Over(DbConnection connection, DbTransaction? transaction = null, bool ownsConnection = false)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new DbSession(connection, SqlDialect.Of(connection), transaction, ownsConnection);
    }

    /// <summary>
    /// Begins a transaction; statements run in it until <see cref="CommitAsync"/> or <see cref="RollbackAsync"/>.
    /// Disposing what this returns rolls back what was not committed, for a transaction shorter than the session.
    /// </summary>
    /// <exception cref="InvalidOperationException">A transaction is open already.</exception>
    public async Task<IAsyncDisposable> BeginAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null)
            throw new InvalidOperationException("This session is in a transaction already; commit or roll it back first.");
        Transaction = await Connection.BeginTransactionAsync(cancellationToken);
        return new TransactionScope(this);
    }

    /// <summary>Commits the transaction; later statements run outside any until the next <see cref="BeginAsync"/>.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Current().CommitAsync(cancellationToken);
        await EndAsync();
    }

    /// <summary>Rolls the whole transaction back; later statements run outside any until the next <see cref="BeginAsync"/>.</summary>
    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        await Current().RollbackAsync(cancellationToken);
        await EndAsync();
    }

    /// <summary>Marks a savepoint in the transaction, to roll back to (<see cref="RollbackToAsync"/>) or release.</summary>
    public Task SaveAsync(string savepoint, CancellationToken cancellationToken) => Current().SaveAsync(savepoint, cancellationToken);

    /// <summary>Undoes what ran since <paramref name="savepoint"/>; the transaction goes on.</summary>
    public Task RollbackToAsync(string savepoint, CancellationToken cancellationToken) => Current().RollbackAsync(savepoint, cancellationToken);

    /// <summary>Keeps what ran since <paramref name="savepoint"/> and forgets the savepoint.</summary>
    public Task ReleaseAsync(string savepoint, CancellationToken cancellationToken) => Current().ReleaseAsync(savepoint, cancellationToken);

    /// <summary>Runs a statement and returns how many rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = SqlCommands.Create(this, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or null.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = SqlCommands.Create(this, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>Every row, mapped by <paramref name="map"/>.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbRow, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var command = SqlCommands.Create(this, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new DbRow(reader, sql);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(map(row));
        return rows;
    }

    /// <summary>The first row mapped by <paramref name="map"/>, or default when there is none.</summary>
    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, Func<DbRow, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var command = SqlCommands.Create(this, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? map(new DbRow(reader, sql)) : default;
    }

    /// <summary>Runs what <paramref name="queue"/> queues on a batch of its own and returns its result.</summary>
    public Task<T> RunAsync<T>(Func<SqlBatch, BatchResult<T>> queue, CancellationToken cancellationToken) =>
        SqlBatch.RunAsync(this, queue, cancellationToken);

    /// <summary>
    /// Holds the row of <paramref name="table"/> with this id exclusively until the transaction ends (see
    /// <see cref="SqlDialect.HoldExclusively"/>); nothing where the dialect's write lock serializes the changes.
    /// </summary>
    public async Task HoldExclusivelyAsync(string table, long id, CancellationToken cancellationToken)
    {
        if (Dialect.HoldExclusively(table) is { } sql)
            await ExecuteAsync(sql, cancellationToken, ("id", id));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await EndAsync();
        if (_ownsConnection)
            await Connection.DisposeAsync();
    }

    private DbTransaction Current() =>
        Transaction ?? throw new InvalidOperationException("This session is in no transaction; begin one first.");

    private async Task EndAsync()
    {
        if (Transaction is { } transaction)
        {
            Transaction = null;
            await transaction.DisposeAsync();
        }
    }

    private sealed class TransactionScope(DbSession session) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(session.EndAsync());
    }
}
