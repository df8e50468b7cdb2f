using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Waymark.Planning;
using Waymark.Revisions;

namespace Waymark.Execution;

/// <summary>
/// Runs a revision graph against one database: reads the version record, upgrades, downgrades and stamps.
/// Each migration runs in its own transaction together with its version update and its history row,
/// so after any failure the database is at the last revision that completed.
/// </summary>
public sealed partial class Migrator
{
    private readonly IDatabaseProvider _provider;
    private readonly MigratorOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Bookkeeping _bookkeeping;
    private readonly SqlRunner _sql;

    /// <summary>Creates a migrator for <paramref name="graph"/> on the database <paramref name="provider"/> opens.</summary>
    public Migrator(
        RevisionGraph graph, IDatabaseProvider provider, MigratorOptions? options = null, ILogger? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(provider);
        Planner = new MigrationPlanner(graph);
        _provider = provider;
        _options = options ?? new MigratorOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _bookkeeping = new Bookkeeping(provider.Dialect, _options);
        _sql = new SqlRunner(_logger);
    }

    /// <summary>How long a run waits for another run's lock.</summary>
    public TimeSpan LockTimeout => _options.LockTimeout;

    /// <summary>The planner on this migrator's graph.</summary>
    public MigrationPlanner Planner { get; }

    /// <summary>The revision graph.</summary>
    public RevisionGraph Graph => Planner.Graph;

    /// <summary>Called after each step completes (for progress output).</summary>
    public Action<StepResult>? StepCompleted { get; set; }

    /// <summary>
    /// Awaited after each step commits, before the next starts, with the run's own connection: the doctor's
    /// replay reads the schema there (on SQLite another connection would re-parse the whole schema after every step).
    /// </summary>
    internal Func<StepResult, DbConnection, CancellationToken, Task>? AfterStepAsync { get; set; }

    /// <summary>
    /// Told before a step's first statement and after each statement, on the run's connection and inside the step's
    /// transaction (before its commit): <c>db lint</c> reads there what each statement really did.
    /// </summary>
    internal IStatementObserver? Observer { get; set; }

    /// <summary>Called when the run has to wait for another run's lock, with who holds it.</summary>
    public Action<string>? LockWaiting { get; set; }

    /// <summary>
    /// Called when a migration timed out waiting for a table or row lock and was rolled back, before it is tried
    /// again, with who held the lock. Not called for the last attempt: that one fails with <see cref="StatementLockTimeoutException"/>.
    /// </summary>
    public Action<StatementLockWait>? StatementLockWaiting { get; set; }

    /// <summary>The random numbers in [0, 1) that jitter the pauses between lock retries (tests fix them).</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>The rows of the version record (empty when the table does not exist yet). Builds no migration SQL.</summary>
    public async Task<IReadOnlyList<string>> GetCurrentAsync(CancellationToken cancellationToken)
    {
        if (!await _provider.ExistsAsync(cancellationToken).ConfigureAwait(false))
            return [];
        var connection = await _provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await ReadVersionsAsync(connection, null, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                // Only a refused privilege is about this user; a dropped connection or a missing column is not.
                var hint = ex.SqlState == "42501" ? $" Check that this user may read {_options.VersionTable}." : "";
                throw new DatabaseUnavailableException(_provider.DisplayName, $"the version table cannot be read ({ex.Message}).{hint}", ex);
            }
        }
    }

    /// <summary>Applies every revision needed to reach <paramref name="target"/> (default: the single head).</summary>
    public Task<MigrationRunResult> UpgradeAsync(string target, CancellationToken cancellationToken) =>
        RunAsync(current => Planner.PlanUpgrade(current, target), cancellationToken);

    /// <summary>
    /// Runs exactly <paramref name="steps"/> (each checked against the version record as it starts), on one connection: how the
    /// replay proofs go up, down and up again through each revision.
    /// </summary>
    internal Task<MigrationRunResult> RunStepsAsync(IReadOnlyList<MigrationStep> steps, CancellationToken cancellationToken) =>
        RunAsync(current => new MigrationPlan(current, steps.Count == 0 ? current : steps[^1].VersionsAfter, steps), cancellationToken);

    /// <summary>Undoes every revision above <paramref name="target"/>, newest first.</summary>
    public Task<MigrationRunResult> DowngradeAsync(string target, CancellationToken cancellationToken) =>
        RunAsync(current => Planner.PlanDowngrade(current, target), cancellationToken);

    /// <summary>
    /// Sets the version record to <paramref name="target"/> without running any migration (<c>base</c> clears
    /// it). Works whatever the record holds now, including revisions no script declares.
    /// </summary>
    public Task<IReadOnlyList<string>> StampAsync(string target, CancellationToken cancellationToken) =>
        StampAsync(current => Planner.PlanStamp(target, current), "stamp", cancellationToken);

    /// <summary>
    /// Sets the version record to exactly <paramref name="versions"/> (no migration runs), recording
    /// <paramref name="direction"/> in the history: how the doctor's fixes say that they were the doctor's.
    /// </summary>
    internal Task<IReadOnlyList<string>> StampVersionsAsync(IReadOnlyList<string> versions, string direction, CancellationToken cancellationToken) =>
        StampAsync(_ => versions, direction, cancellationToken);

    private async Task<IReadOnlyList<string>> StampAsync(
        Func<IReadOnlyList<string>, IReadOnlyList<string>> plan, string direction, CancellationToken cancellationToken)
    {
        if (!await _provider.ExistsAsync(cancellationToken).ConfigureAwait(false))
            _ = plan([]);
        try
        {
            return await StampOpenAsync(plan, direction, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw new DatabaseUnavailableException(_provider.DisplayName, RefusedWrite(ex), ex);
        }
    }

    private async Task<IReadOnlyList<string>> StampOpenAsync(
        Func<IReadOnlyList<string>, IReadOnlyList<string>> plan, string direction, CancellationToken cancellationToken)
    {
        var connection = await _provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var migrationLock = await _provider.AcquireMigrationLockAsync(
                connection, _options.LockTimeout, OnLockWaiting, cancellationToken).ConfigureAwait(false);
            await using (migrationLock.ConfigureAwait(false))
            {
                var started = _time.GetUtcNow();
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await EnsureBookkeepingTablesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                    var current = await ReadVersionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                    var after = plan(current);
                    await WriteVersionsAsync(connection, transaction, current, after, cancellationToken).ConfigureAwait(false);
                    var revisions = after.Count == 0 ? [(string?)null] : after.Select(a => (string?)a);
                    foreach (var revision in revisions)
                    {
                        var entry = new HistoryEntry(revision, direction, string.Join(",", current), null, started,
                            (long)(_time.GetUtcNow() - started).TotalMilliseconds, _options.AppliedBy, _options.ToolVersion);
                        await _sql.ExecuteAsync(connection, transaction, _bookkeeping.InsertHistory(entry), cancellationToken).ConfigureAwait(false);
                    }
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    Log.Stamped(_logger, _provider.DisplayName, string.Join(",", current), string.Join(",", after));
                    return after;
                }
            }
        }
    }

    private async Task<MigrationRunResult> RunAsync(Func<IReadOnlyList<string>, MigrationPlan> plan, CancellationToken cancellationToken)
    {
        // A database that does not exist is at base: a bad target must fail before opening creates it.
        if (!await _provider.ExistsAsync(cancellationToken).ConfigureAwait(false) && plan([]).IsEmpty)
            return new MigrationRunResult([], [], []);
        try
        {
            return await RunOpenAsync(plan, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw new DatabaseUnavailableException(_provider.DisplayName, RefusedWrite(ex), ex);
        }
    }

    private async Task<MigrationRunResult> RunOpenAsync(Func<IReadOnlyList<string>, MigrationPlan> plan, CancellationToken cancellationToken)
    {
        var connection = await _provider.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var migrationLock = await _provider.AcquireMigrationLockAsync(
                connection, _options.LockTimeout, OnLockWaiting, cancellationToken).ConfigureAwait(false);
            await using (migrationLock.ConfigureAwait(false))
            {
                // Read (and plan) only once the lock is held: a run that waited does only what is still pending.
                var current = await ReadVersionsAsync(connection, null, cancellationToken).ConfigureAwait(false);
                var migrationPlan = plan(current);
                if (migrationPlan.IsEmpty)
                {
                    Log.NothingToDo(_logger, _provider.DisplayName, string.Join(",", current));
                    return new MigrationRunResult(current, current, []);
                }
                await _provider.PrepareMigrationSessionAsync(connection, cancellationToken).ConfigureAwait(false);
                var results = new List<StepResult>(migrationPlan.Steps.Count);
                foreach (var step in migrationPlan.Steps)
                {
                    // The first step creates the version and history tables in its own transaction, so a
                    // run whose first migration fails leaves no trace at all.
                    var result = await RunStepAsync(connection, step, ensureBookkeeping: results.Count == 0, cancellationToken).ConfigureAwait(false);
                    results.Add(result);
                    StepCompleted?.Invoke(result);
                    if (AfterStepAsync is { } after)
                        await after(result, connection, cancellationToken).ConfigureAwait(false);
                }
                return new MigrationRunResult(migrationPlan.From, migrationPlan.To, results);
            }
        }
    }

    private static string RefusedWrite(DbException ex) =>
        $"the database refused the bookkeeping ({ex.Message}{(ex.SqlState is { Length: > 0 } state ? $" [SQLSTATE {state}]" : "")}). " +
        "It may be read-only, or this user may not create tables in it. Nothing was changed.";

    private void OnLockWaiting(string holder)
    {
        Log.WaitingForLock(_logger, _provider.DisplayName, holder);
        LockWaiting?.Invoke(holder);
    }

    private async Task<IReadOnlyList<string>> ReadVersionsAsync(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var table = await _provider.SchemaReader.ReadTableAsync(
            connection, transaction, _options.VersionTable, cancellationToken).ConfigureAwait(false);
        if (table is null)
            return [];
        if (table.FindColumn("version_num") is null)
            throw new VersionTableShapeException(
                _options.VersionTable, $"it has no version_num column (columns: {string.Join(", ", table.Columns.Select(c => c.Name))})");
        var rows = await ReadVersionRowsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        return Planner.Graph.Ordered(rows.Where(Planner.Graph.Contains)).Concat(rows.Where(r => !Planner.Graph.Contains(r))).ToList();
    }

    /// <summary>The version rows as stored; anything but non-null text is a version table this engine cannot trust.</summary>
    private async Task<List<string>> ReadVersionRowsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var values = await SqlRunner.QueryValuesAsync(
            connection, transaction, _bookkeeping.SelectVersions(), cancellationToken).ConfigureAwait(false);
        var wrong = values.FirstOrDefault(v => v is not string);
        if (values.Any(v => v is not string))
            throw new VersionTableShapeException(_options.VersionTable,
                wrong is DBNull or null ? "version_num holds NULL"
                    : $"version_num holds a {wrong.GetType().Name} ({wrong}), not the text of a revision id");
        return [.. values.Cast<string>()];
    }

    private async Task WriteVersionsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> before,
        IReadOnlyList<string> after, CancellationToken cancellationToken)
    {
        foreach (var statement in _bookkeeping.WriteVersions(before, after))
        {
            var affected = await _sql.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            if (affected != 1)
                throw new VersionTableShapeException(
                    _options.VersionTable, $"'{statement.Inline(_provider.Dialect)}' changed {affected} rows instead of 1");
        }
    }

    /// <summary>Creates the version and history tables where missing, inside <paramref name="transaction"/>.</summary>
    private async Task EnsureBookkeepingTablesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var reader = _provider.SchemaReader;
        try
        {
            if (await reader.ReadTableAsync(connection, transaction, _options.VersionTable, cancellationToken).ConfigureAwait(false) is null)
            {
                foreach (var statement in _bookkeeping.CreateVersionTable())
                    await _sql.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                Log.CreatedTable(_logger, _options.VersionTable, _provider.DisplayName);
            }
            var history = await reader.ReadTableAsync(connection, transaction, _options.HistoryTable, cancellationToken).ConfigureAwait(false);
            // A history table written by an older Waymark lacks the columns added since; they are added before the first row.
            foreach (var statement in history is null ? _bookkeeping.CreateHistoryTable() : _bookkeeping.AddMissingHistoryColumns(history))
                await _sql.ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            if (history is null)
                Log.CreatedTable(_logger, _options.HistoryTable, _provider.DisplayName);
        }
        catch (DbException ex)
        {
            throw new DatabaseUnavailableException(_provider.DisplayName, RefusedWrite(ex), ex);
        }
    }
}
