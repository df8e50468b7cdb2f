using System.Data.Common;
using System.Globalization;
using TimeTracker.Database;
using TimeTracker.Tests.Chain;

namespace TimeTracker.Tests.Database;

/// <summary>Statements queued on a <see cref="SqlBatch"/>: one round trip on PostgreSQL, one by one on SQLite, the same results.</summary>
public sealed class SqlBatchTests
{
    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task Queued_statements_run_in_order_and_each_gives_its_own_result(ChainDialect dialect)
    {
        await using var database = await ChainDatabase.CreateAsync(dialect);
        await using var connection = await OpenWithTableAsync(database);

        var batch = new SqlBatch(DbSession.Over(connection));
        var inserted = batch.Execute("INSERT INTO notes (id, body) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        var all = batch.Query("SELECT id, body FROM notes ORDER BY id", r => (r.Int64("id"), r.String("body")));
        var renamed = batch.Execute("UPDATE notes SET body = @body WHERE id >= @from", ("body", "later"), ("from", 2L));
        var second = batch.QuerySingleOrDefault("SELECT body FROM notes WHERE id = @id", r => r.String("body"), ("id", 2L));
        var missing = batch.QuerySingleOrDefault("SELECT body FROM notes WHERE id = @id", r => r.String("body"), ("id", 9L));
        var none = batch.Query("SELECT id FROM notes WHERE body = 'nothing'", r => r.Int64("id"));
        var deletedNothing = batch.Execute("DELETE FROM notes WHERE id > 100");
        var count = batch.QuerySingleOrDefault("SELECT COUNT(*) AS n FROM notes", r => r.Int64("n")).Select(n => $"{n} notes");
        await batch.ExecuteAsync(CancellationToken.None);

        Assert.Equal(3, inserted.Value);
        Assert.Equal([(1L, "one"), (2L, "two"), (3L, "three")], all.Value);
        Assert.Equal(2, renamed.Value);
        Assert.Equal("later", second.Value);
        Assert.Null(missing.Value);
        Assert.Empty(none.Value);
        Assert.Equal(0, deletedNothing.Value);
        Assert.Equal("3 notes", count.Value);
    }

    [Theory]
    [InlineData(ChainDialect.Sqlite)]
    [InlineData(ChainDialect.Postgres)]
    public async Task A_failing_statement_fails_the_batch_and_its_transaction_keeps_nothing(ChainDialect dialect)
    {
        await using var database = await ChainDatabase.CreateAsync(dialect);
        await using var connection = await OpenWithTableAsync(database);

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var batch = new SqlBatch(DbSession.Over(connection, transaction));
            batch.Execute("INSERT INTO notes (id, body) VALUES (1, 'one')");
            var duplicate = batch.Execute("INSERT INTO notes (id, body) VALUES (1, 'again')");
            await Assert.ThrowsAnyAsync<DbException>(() => batch.ExecuteAsync(CancellationToken.None));
            Assert.Throws<InvalidOperationException>(() => duplicate.Value);
            await transaction.RollbackAsync();
        }

        var check = new SqlBatch(DbSession.Over(connection));
        var count = check.QuerySingleOrDefault("SELECT COUNT(*) AS n FROM notes", r => r.Int64("n"));
        await check.ExecuteAsync(CancellationToken.None);
        Assert.Equal(0, count.Value);
    }

    [Fact]
    public async Task Results_are_read_only_after_the_batch_has_run_and_a_batch_runs_once()
    {
        await using var database = await ChainDatabase.CreateAsync(ChainDialect.Sqlite);
        await using var connection = await OpenWithTableAsync(database);
        var batch = new SqlBatch(DbSession.Over(connection));
        var changed = batch.Execute("INSERT INTO notes (id, body) VALUES (1, 'one')");

        Assert.Throws<InvalidOperationException>(() => changed.Value);
        await batch.ExecuteAsync(CancellationToken.None);
        Assert.Equal(1, changed.Value);
        await Assert.ThrowsAsync<InvalidOperationException>(() => batch.ExecuteAsync(CancellationToken.None));
        Assert.Throws<InvalidOperationException>(() => batch.Execute("DELETE FROM notes"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_statement_queued_with_execute_that_returns_rows_fails_the_batch_instead_of_shifting_results(bool queryAfterIt)
    {
        await using var database = await ChainDatabase.CreateAsync(ChainDialect.Postgres);
        await using var connection = await OpenWithTableAsync(database);
        var batch = new SqlBatch(DbSession.Over(connection));
        // A row the query after it could read as its own: only the batch can tell the results apart.
        batch.Execute("SELECT 1 AS id");
        if (queryAfterIt)
            batch.Query("SELECT id FROM notes", r => r.Int64("id"));
        else
            batch.Execute("DELETE FROM notes");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => batch.ExecuteAsync(CancellationToken.None));
        Assert.Contains("queued with Execute returned rows", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_statement_queued_after_one_that_waits_for_a_row_lock_sees_what_the_holder_committed()
    {
        await using var database = await ChainDatabase.CreateAsync(ChainDialect.Postgres);
        await using var holder = await OpenWithTableAsync(database);
        await using var waiter = await database.OpenAsync();
        await Execute(holder, "INSERT INTO notes (id, body) VALUES (1, 'gate')");

        var holderPid = await BackendPidAsync(holder);
        var waiterPid = await BackendPidAsync(waiter);

        await using var held = await holder.BeginTransactionAsync();
        await Execute(holder, "SELECT id FROM notes WHERE id = 1 FOR NO KEY UPDATE", held);
        await Execute(holder, "INSERT INTO notes (id, body) VALUES (2, 'written while holding the lock')", held);

        await using var waiting = await waiter.BeginTransactionAsync();
        var batch = new SqlBatch(DbSession.Over(waiter, waiting));
        batch.QuerySingleOrDefault("SELECT id FROM notes WHERE id = 1 FOR NO KEY UPDATE", r => r.Int64("id"));
        var count = batch.QuerySingleOrDefault("SELECT COUNT(*) AS n FROM notes", r => r.Int64("n"));
        var run = batch.ExecuteAsync(CancellationToken.None);
        // The server says when the batch's session waits on the holder's row lock; only then is the lock released.
        await using (var observer = await database.OpenAsync())
            await PostgresLockWaits.UntilBlockedAsync(observer, waiterPid, holderPid, run);
        Assert.False(run.IsCompleted, "The batch should wait for the row lock.");
        await held.CommitAsync();
        await run;

        Assert.Equal(2, count.Value);
    }

    private static async Task<DbConnection> OpenWithTableAsync(ChainDatabase database)
    {
        var connection = await database.OpenAsync();
        await Execute(connection, "CREATE TABLE notes (id BIGINT PRIMARY KEY, body VARCHAR(100) NOT NULL)");
        return connection;
    }

    private static async Task<int> BackendPidAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_backend_pid()";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
