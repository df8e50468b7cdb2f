using System.Data.Common;
using System.Diagnostics;
using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Planning;

namespace Waymark.Execution;

public sealed partial class Migrator
{
    private async Task<StepResult> RunStepAsync(DbConnection connection, MigrationStep step, bool ensureBookkeeping, CancellationToken cancellationToken)
    {
        var (migration, operations) = step.Prepare();

        var direction = HistoryEntry.DirectionOf(step.Direction);
        Log.StepStarting(_logger, direction, step.Revision.Id, step.Revision.Message, step.Revision.FileName);
        var startedAt = _time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var executed = new List<SqlStatement>();
        SqlStatement? current = null;
        if (ensureBookkeeping && !migration.IsTransactional)
        {
            var setup = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (setup.ConfigureAwait(false))
            {
                await EnsureBookkeepingTablesAsync(connection, setup, cancellationToken).ConfigureAwait(false);
                await setup.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        var transaction = migration.IsTransactional
            ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            if (ensureBookkeeping && transaction is not null)
                await EnsureBookkeepingTablesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var recorded = await ReadVersionRowsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (!recorded.ToHashSet().SetEquals(step.VersionsBefore))
                throw new ConcurrentMigrationException(step.VersionsBefore, recorded);
            if (step.Direction == MigrationDirection.Upgrade)
            {
                var existing = await new ExistingObjectsCheck(_provider.SchemaReader, connection, transaction)
                    .FindAsync(operations, cancellationToken).ConfigureAwait(false);
                if (existing.Count > 0)
                    throw new SchemaObjectsExistException(step, existing);
            }

            var translator = new OperationTranslator(_provider.Dialect);
            var tables = new LiveTableSource(_provider.SchemaReader, connection, transaction);
            await foreach (var unit in translator.TranslateAsync(operations, tables, cancellationToken).ConfigureAwait(false))
            {
                foreach (var statement in unit)
                {
                    current = statement;
                    await _sql.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                    executed.Add(statement);
                }
            }
            current = null;
            await _provider.VerifyIntegrityAsync(connection, transaction, TouchedTables(operations), cancellationToken).ConfigureAwait(false);

            var checksum = Checksum.Of(executed, _provider.Dialect);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var bookkeeping = transaction ?? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await WriteVersionsAsync(connection, bookkeeping, step.VersionsBefore, step.VersionsAfter, cancellationToken).ConfigureAwait(false);
            var entry = new HistoryEntry(step.Revision.Id, direction, string.Join(",", step.VersionsBefore), checksum, startedAt,
                (long)elapsed.TotalMilliseconds, _options.AppliedBy, _options.ToolVersion);
            await _sql.ExecuteAsync(connection, bookkeeping, _bookkeeping.InsertHistory(entry), cancellationToken).ConfigureAwait(false);
            await bookkeeping.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (transaction is null)
                await bookkeeping.DisposeAsync().ConfigureAwait(false);

            Log.StepCompleted(_logger, direction, step.Revision.Id, (long)elapsed.TotalMilliseconds, executed.Count);
            return new StepResult(step, elapsed, executed.Count, checksum);
        }
        catch (Exception ex) when (ex is DbException or IntegrityViolationException or Schema.SchemaObjectNotFoundException or Schema.SchemaObjectExistsException)
        {
            Log.StepFailed(_logger, ex, direction, step.Revision.Id, current?.Sql);
            if (transaction is not null)
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            throw new MigrationFailedException(step, current?.Sql, transaction is not null, ex,
                transaction is null ? [.. executed.Select(e => e.Inline(_provider.Dialect))] : null);
        }
        finally
        {
            if (transaction is not null)
                await transaction.DisposeAsync().ConfigureAwait(false);
        }
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
