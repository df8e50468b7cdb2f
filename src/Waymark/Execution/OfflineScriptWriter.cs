using System.Text;
using Waymark.Dialects;
using Waymark.Operations;
using Waymark.Planning;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Execution;

/// <summary>
/// Writes the SQL of an upgrade or downgrade as a script, without a database: the schema at the starting
/// revision is replayed in memory (so table rebuilds know the table), and each migration is wrapped with
/// its version-table statements and history row, in a transaction where the dialect has transactional DDL.
/// The script first tells the database's client to stop at the first error, so that nothing of a migration
/// after a failure runs or is recorded, and the failed migration's transaction is never committed.
/// </summary>
public sealed class OfflineScriptWriter
{
    private readonly MigrationPlanner _planner;
    private readonly ISqlDialect _dialect;
    private readonly MigratorOptions _options;
    private readonly Bookkeeping _bookkeeping;
    private readonly TimeProvider _time;

    /// <summary>Creates a writer for <paramref name="graph"/> in <paramref name="dialect"/>.</summary>
    public OfflineScriptWriter(RevisionGraph graph, ISqlDialect dialect, MigratorOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(dialect);
        _planner = new MigrationPlanner(graph);
        _dialect = dialect;
        _options = options ?? new MigratorOptions();
        _bookkeeping = new Bookkeeping(dialect, _options);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The script that upgrades from <paramref name="from"/> (base when null) to <paramref name="to"/>.</summary>
    public Task<string> UpgradeAsync(string? from, string to, CancellationToken cancellationToken)
    {
        var start = from is null ? [] : _planner.Targets.ResolveOne(from);
        return WriteAsync(start, _planner.PlanUpgrade(start, to), "upgrade", cancellationToken);
    }

    /// <summary>The script that downgrades from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public Task<string> DowngradeAsync(string from, string to, CancellationToken cancellationToken)
    {
        var start = _planner.Targets.ResolveOne(from);
        return WriteAsync(start, _planner.PlanDowngrade(start, to), "downgrade", cancellationToken);
    }

    /// <summary>
    /// The script that completes <paramref name="step"/>'s revision, applied in part: only <paramref name="missing"/>
    /// (the statements whose changes are not in <paramref name="live"/>), then the version record moves and a history
    /// row with the revision's own <paramref name="checksum"/> is written, as if it had run whole.
    /// </summary>
    internal async Task<string> CompletePartAsync(MigrationStep step, bool transactional, IReadOnlyList<MigrationOperation> missing,
        IEnumerable<string> notes, SchemaSnapshot live, string checksum, CancellationToken cancellationToken)
    {
        var script = Header($"complete {step.Revision.Id}, applied in part (recorded {Describe(step.VersionsBefore)})", notes);
        AppendHistoryTableIfMissing(script);
        await AppendStepAsync(script, step, transactional, missing, new ModelTableSource(live), checksum, moveRecord: true, heading: null,
            cancellationToken).ConfigureAwait(false);
        return script.ToString();
    }

    /// <summary>
    /// The script that undoes the applied part of <paramref name="step"/>'s revision (<paramref name="inverse"/>, newest
    /// first) back to its recorded parent; the version record, which still names the parent, is left as it is.
    /// </summary>
    internal async Task<string> UndoPartAsync(MigrationStep step, bool transactional, IReadOnlyList<MigrationOperation> inverse,
        IEnumerable<string> notes, SchemaSnapshot live, CancellationToken cancellationToken)
    {
        var script = Header($"undo the applied part of {step.Revision.Id} (back to {Describe(step.VersionsBefore)})", notes);
        await AppendStepAsync(script, step, transactional, inverse, new ModelTableSource(live), checksum: null, moveRecord: false,
            $"undo the applied part of {step.Revision.Id}: {step.Revision.Message} ({step.Revision.FileName})", cancellationToken)
            .ConfigureAwait(false);
        return script.ToString();
    }

    private async Task<string> WriteAsync(IReadOnlyList<string> start, MigrationPlan plan, string verb, CancellationToken cancellationToken)
    {
        var script = Header($"{verb} {Describe(plan.From)} -> {Describe(plan.To)}", []);
        if (start.Count == 0)
        {
            script.AppendLine("-- Bookkeeping tables");
            Append(script, _bookkeeping.CreateVersionTable());
            Append(script, _bookkeeping.CreateHistoryTable());
            script.AppendLine();
        }
        else if (plan.Steps.Count > 0)
        {
            script.AppendLine("-- The history table, where another tool (Alembic, Flask-Migrate) migrated the database until now,");
            script.AppendLine("-- and its columns added since, where an older Waymark made it");
            AppendHistoryTableIfMissing(script);
        }

        var tables = new ModelTableSource(await ReplayAsync(start, cancellationToken).ConfigureAwait(false));
        foreach (var step in plan.Steps)
        {
            var (migration, operations) = step.Prepare();
            await AppendStepAsync(script, step, migration.IsTransactional, operations, tables, checksum: null, moveRecord: true, heading: null,
                cancellationToken).ConfigureAwait(false);
        }
        return script.ToString();
    }

    /// <summary>The history table where it is missing, then the columns it lacks, in one transaction where the dialect has one.</summary>
    private void AppendHistoryTableIfMissing(StringBuilder script)
    {
        if (_dialect.SupportsTransactionalDdl)
            script.AppendLine("BEGIN;");
        Append(script, _bookkeeping.CreateHistoryTableIfMissing());
        Append(script, _bookkeeping.AddHistoryColumnsIfMissing());
        if (_dialect.SupportsTransactionalDdl)
            script.AppendLine("COMMIT;");
        script.AppendLine();
    }

    /// <summary>The header comments, the lines that make the client stop at the first error, and the session setup.</summary>
    private StringBuilder Header(string title, IEnumerable<string> notes)
    {
        var script = new StringBuilder();
        script.Append("-- Waymark ").Append(title).Append(" (").Append(_dialect.Name).AppendLine(")");
        script.Append("-- Generated ").Append(_time.GetUtcNow().ToString("u", System.Globalization.CultureInfo.InvariantCulture))
            .AppendLine(" by " + _options.ToolVersion);
        foreach (var note in notes)
            script.Append("-- ").AppendLine(note);
        foreach (var directive in _dialect.ScriptClientDirectives)
            script.AppendLine(directive);
        script.AppendLine();
        Append(script, _dialect.SessionSetup);
        return script;
    }

    /// <summary>One migration's statements, with its version update and history row when <paramref name="moveRecord"/>,
    /// in a transaction where it can be.</summary>
    private async Task AppendStepAsync(StringBuilder script, MigrationStep step, bool isTransactional, IReadOnlyList<MigrationOperation> operations,
        ITableSource tables, string? checksum, bool moveRecord, string? heading, CancellationToken cancellationToken)
    {
        script.Append("-- ").AppendLine(heading ?? $"{HistoryEntry.DirectionOf(step.Direction)} {Describe(step.VersionsBefore)} -> " +
            $"{Describe(step.VersionsAfter)}: {step.Revision.Message} ({step.Revision.FileName})");
        var transactional = isTransactional && _dialect.SupportsTransactionalDdl && !operations.Any(_dialect.RunsOutsideTransaction);
        if (transactional)
            script.AppendLine("BEGIN;");
        var executed = new List<SqlStatement>();
        await foreach (var unit in new OperationTranslator(_dialect).TranslateAsync(operations, tables, cancellationToken).ConfigureAwait(false))
            executed.AddRange(unit.Statements);
        Append(script, executed);
        if (moveRecord)
        {
            Append(script, _bookkeeping.WriteVersions(step.VersionsBefore, step.VersionsAfter));
            // The operations checksum is the whole revision's, also where only a part of it is run (completing a revision).
            var entry = new HistoryEntry(step.Revision.Id, HistoryEntry.DirectionOf(step.Direction), string.Join(",", step.VersionsBefore),
                checksum ?? Checksum.Of(executed, _dialect), _time.GetUtcNow(), 0, _options.AppliedBy, _options.ToolVersion,
                OperationsChecksum.Of(step.Prepare().Operations), WaymarkVersion.Current);
            Append(script, [_bookkeeping.InsertHistory(entry)]);
        }
        if (transactional)
            script.AppendLine("COMMIT;");
        script.AppendLine();
    }

    /// <summary>The schema the chain produces at <paramref name="versions"/>, replayed in memory from base.</summary>
    private async Task<SchemaSnapshot> ReplayAsync(IReadOnlyList<string> versions, CancellationToken cancellationToken)
    {
        var tables = new ModelTableSource(SchemaSnapshot.Empty);
        foreach (var id in _planner.Graph.Ordered(_planner.Graph.AncestorsOf(versions)))
        {
            var operations = new MigrationBuilder();
            _planner.Graph.Get(id).CreateMigration().Upgrade(operations);
            foreach (var operation in operations.Operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                tables.Applied(operation);
            }
        }
        return await Task.FromResult(tables.Schema).ConfigureAwait(false);
    }

    private void Append(StringBuilder script, IEnumerable<SqlStatement> statements)
    {
        foreach (var statement in statements)
            script.Append(statement.Inline(_dialect)).AppendLine(";");
    }

    private static string Describe(IReadOnlyList<string> versions) => versions.Count == 0 ? "base" : string.Join(",", versions);
}
