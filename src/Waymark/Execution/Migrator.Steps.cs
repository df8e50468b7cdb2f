using System.Data.Common;
using System.Diagnostics;
using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Planning;

namespace Waymark.Execution;

public sealed partial class Migrator
{
    /// <summary>
    /// Runs one step; a transactional migration that timed out waiting for a lock (SQLSTATE 55P03) was rolled back
    /// whole, so it is tried again after a pause, up to <see cref="MigratorOptions.LockRetries"/> times.
    /// </summary>
    private async Task<StepResult> RunStepAsync(
        DbConnection connection, MigrationStep step, bool ensureBookkeeping, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunStepOnceAsync(connection, step, ensureBookkeeping, cancellationToken).ConfigureAwait(false);
            }
            catch (MigrationFailedException ex) when (ex.RolledBack && IsLockTimeout(ex.InnerException))
            {
                var (_, operations) = step.Prepare();
                if (!await RetryAfterLockTimeoutAsync(connection, step, operations, attempt, ex.LockTimeout, cancellationToken).ConfigureAwait(false))
                {
                    var holders = await _provider.FindLockHoldersAsync(connection, LockedTables(operations), cancellationToken).ConfigureAwait(false);
                    throw new StatementLockTimeoutException(step, attempt, ex.LockTimeout, holders, ex.InnerException!);
                }
            }
        }
    }

    /// <summary>
    /// After attempt <paramref name="attempt"/> timed out waiting for a lock: false when it was the last, else names who
    /// held the lock and pauses before the next attempt. The holders are read after the rollback, on the run's
    /// connection: a failed transaction can no longer be queried, and the holder still holds what the migration waited for.
    /// </summary>
    private async Task<bool> RetryAfterLockTimeoutAsync(DbConnection connection, MigrationStep step, IReadOnlyList<MigrationOperation> operations,
        int attempt, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var direction = HistoryEntry.DirectionOf(step.Direction);
        var holders = await _provider.FindLockHoldersAsync(connection, LockedTables(operations), cancellationToken).ConfigureAwait(false);
        if (attempt > _options.LockRetries)
        {
            Log.StatementLockGaveUp(_logger, direction, step.Revision.Id, attempt, StatementLockWait.Describe(holders));
            return false;
        }
        var delay = new LockRetryPolicy(_options.LockRetryDelay, Jitter).DelayAfter(attempt);
        Log.StatementLockRetry(_logger, direction, step.Revision.Id, (long)lockTimeout.TotalMilliseconds, attempt, _options.LockRetries + 1,
            StatementLockWait.Describe(holders), (long)delay.TotalMilliseconds);
        StatementLockWaiting?.Invoke(new StatementLockWait(step.Revision.Id, attempt, _options.LockRetries, lockTimeout, delay, holders));
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>SQLSTATE 55P03, lock_not_available: a statement waited longer than lock_timeout.</summary>
    private static bool IsLockTimeout(Exception? ex) => ex is DbException { SqlState: "55P03" };

    /// <summary>
    /// The tables whose locks <paramref name="operations"/> wait for (changed or referenced), or null when raw SQL could
    /// lock any table.
    /// </summary>
    private static HashSet<string>? LockedTables(IReadOnlyList<MigrationOperation> operations)
    {
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case CreateTable create:
                    tables.UnionWith(create.Definition.ForeignKeys.Select(f => f.ReferencedTable));
                    break;
                case AddForeignKey add: tables.Add(add.Table); tables.Add(add.ForeignKey.ReferencedTable); break;
                case RenameTable rename: tables.Add(rename.Table); break;
                case DropTable drop: tables.Add(drop.Table); break;
                case TableOperation change: tables.Add(change.Table); break;
                default: return null;
            }
        }
        return tables;
    }

    private async Task<StepResult> RunStepOnceAsync(
        DbConnection connection, MigrationStep step, bool ensureBookkeeping, CancellationToken cancellationToken)
    {
        var (migration, operations) = step.Prepare();
        var lockTimeout = migration.StatementLockTimeout ?? _options.StatementLockTimeout;
        var statementTimeout = migration.StatementTimeout ?? _options.StatementTimeout;

        var direction = HistoryEntry.DirectionOf(step.Direction);
        Log.StepStarting(_logger, direction, step.Revision.Id, step.Revision.Message, step.Revision.FileName);
        var startedAt = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var executed = new List<SqlStatement>();
        SqlStatement? current = null;
        var transactional = migration.IsTransactional && !operations.Any(_provider.Dialect.RunsOutsideTransaction);
        if (ensureBookkeeping && !transactional)
        {
            var setup = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (setup.ConfigureAwait(false))
            {
                await EnsureBookkeepingTablesAsync(connection, setup, cancellationToken).ConfigureAwait(false);
                await setup.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        var transaction = transactional
            ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var sessionTimeouts = transaction is null ? _provider.Dialect.Timeouts(lockTimeout, statementTimeout, transactionScoped: false) : [];
        try
        {
            // Set before anything else: the version table's lock must not wait for ever either.
            foreach (var statement in transaction is null ? sessionTimeouts
                : _provider.Dialect.Timeouts(lockTimeout, statementTimeout, transactionScoped: true))
                await _sql.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            if (ensureBookkeeping && transaction is not null)
                await EnsureBookkeepingTablesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var recorded = await ReadVersionRowsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (!recorded.ToHashSet().SetEquals(step.VersionsBefore))
                throw new ConcurrentMigrationException(step.VersionsBefore, recorded);
            if (step.Direction == MigrationDirection.Upgrade)
            {
                var existing = await new ExistingObjectsCheck(_provider.SchemaReader, _provider.Dialect, connection, transaction)
                    .FindAsync(operations, cancellationToken).ConfigureAwait(false);
                if (existing.Count > 0)
                    throw new SchemaObjectsExistException(step, existing);
            }

            if (Observer is { } observer)
                await observer.StepStartingAsync(step, connection, transaction, cancellationToken).ConfigureAwait(false);
            var translator = new OperationTranslator(_provider.Dialect);
            var tables = new LiveTableSource(_provider.SchemaReader, connection, transaction);
            await foreach (var unit in translator.TranslateAsync(operations, tables, cancellationToken).ConfigureAwait(false))
            {
                var concurrentIndex = unit.Operation is CreateIndex create && _provider.Dialect.RunsOutsideTransaction(create) ? create.Index : null;
                foreach (var statement in unit.Statements)
                {
                    current = statement;
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            // A concurrent build that failed (here or in an earlier run) leaves an invalid index that IF NOT EXISTS would keep.
                            if (concurrentIndex is not null)
                                await DropInvalidIndexAsync(connection, concurrentIndex, cancellationToken).ConfigureAwait(false);
                            await _sql.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                            break;
                        }
                        catch (DbException ex) when (transaction is null && IsLockTimeout(ex))
                        {
                            // Outside a transaction only the statement that timed out was undone: it alone is tried again.
                            if (!await RetryAfterLockTimeoutAsync(
                                connection, step, operations, attempt, lockTimeout ?? TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
                                throw;
                        }
                    }
                    executed.Add(statement);
                    if (Observer is { } watching)
                        await watching.StatementExecutedAsync(
                            new ExecutedStatement(step, unit.Operation, executed.Count, statement, ReferenceEquals(statement, unit.Statements[^1])),
                            connection, transaction, cancellationToken).ConfigureAwait(false);
                }
                if (concurrentIndex is not null && await _provider.IsIndexInvalidAsync(
                    connection, concurrentIndex.Table, concurrentIndex.Name, cancellationToken).ConfigureAwait(false))
                    throw new InvalidIndexException(concurrentIndex.Table, concurrentIndex.Name);
            }
            current = null;
            await _provider.VerifyIntegrityAsync(connection, transaction, TouchedTables(operations), cancellationToken).ConfigureAwait(false);

            var checksum = Checksum.Of(executed, _provider.Dialect);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var bookkeeping = transaction ?? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await WriteVersionsAsync(connection, bookkeeping, step.VersionsBefore, step.VersionsAfter, cancellationToken).ConfigureAwait(false);
            var entry = new HistoryEntry(step.Revision.Id, direction, string.Join(",", step.VersionsBefore), checksum, startedAt,
                (long)elapsed.TotalMilliseconds, _options.AppliedBy, _options.ToolVersion, OperationsChecksum.Of(operations), WaymarkVersion.Current);
            await _sql.ExecuteAsync(connection, bookkeeping, _bookkeeping.InsertHistory(entry), cancellationToken).ConfigureAwait(false);
            await bookkeeping.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (transaction is null)
                await bookkeeping.DisposeAsync().ConfigureAwait(false);

            Log.StepCompleted(_logger, direction, step.Revision.Id, (long)elapsed.TotalMilliseconds, executed.Count);
            return new StepResult(step, elapsed, executed.Count, checksum);
        }
        catch (Exception ex) when (ex is DbException or IntegrityViolationException or InvalidIndexException
            or Schema.SchemaObjectNotFoundException or Schema.SchemaObjectExistsException)
        {
            // A lock timeout of a transactional migration is retried, and said so by the retry: not an error yet.
            if (transaction is null || !IsLockTimeout(ex))
                Log.StepFailed(_logger, ex, direction, step.Revision.Id, current?.Sql);
            if (transaction is not null)
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw new MigrationFailedException(step, current?.Sql, transaction is not null, ex,
                transaction is null ? [.. executed.Select(e => e.Inline(_provider.Dialect))] : null)
            {
                LockTimeout = lockTimeout ?? TimeSpan.Zero,
            };
        }
        finally
        {
            if (transaction is not null)
                await transaction.DisposeAsync().ConfigureAwait(false);
            else if (sessionTimeouts.Count > 0 && connection.State == System.Data.ConnectionState.Open)
            {
                foreach (var statement in _provider.Dialect.Timeouts(null, null, transactionScoped: false))
                    await _sql.ExecuteAsync(connection, null, statement, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drops <paramref name="index"/> if an earlier concurrent build left it invalid, so that it is built again.</summary>
    private async Task DropInvalidIndexAsync(DbConnection connection, Schema.IndexDefinition index, CancellationToken cancellationToken)
    {
        if (!await _provider.IsIndexInvalidAsync(connection, index.Table, index.Name, cancellationToken).ConfigureAwait(false))
            return;
        Log.DroppingInvalidIndex(_logger, index.Name, index.Table);
        foreach (var statement in _provider.Dialect.Generate(new DropIndex(index.Table, index.Name, Concurrently: true)))
            await _sql.ExecuteAsync(connection, null, statement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The tables whose foreign keys <paramref name="operations"/> could have broken while enforcement was
    /// off, or null when raw SQL or data statements could have broken any. New tables, indexes and
    /// nullable columns cannot leave a dangling reference, so a migration of only those checks nothing.
    /// </summary>
    private static HashSet<string>? TouchedTables(IReadOnlyList<MigrationOperation> operations)
    {
        var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var operation in operations)
        {
            switch (operation)
            {
                case CreateTable or CreateIndex or DropIndex:
                    break;
                case AddColumn add when add.Column.Nullable || add.Column.Default is not null:
                    break;
                case DropTable drop: tables.Add(drop.Table); break;
                case RenameTable rename: tables.Add(rename.Table); tables.Add(rename.NewName); break;
                case TableOperation change: tables.Add(change.Table); break;
                default: return null;
            }
        }
        return tables;
    }
}
