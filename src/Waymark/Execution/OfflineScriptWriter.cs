using System.Text;
using Waymark.Dialects;
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

    private async Task<string> WriteAsync(IReadOnlyList<string> start, MigrationPlan plan, string verb, CancellationToken cancellationToken)
    {
        var script = new StringBuilder();
        script.Append("-- Waymark ").Append(verb).Append(' ').Append(Describe(plan.From)).Append(" -> ").Append(Describe(plan.To))
            .Append(" (").Append(_dialect.Name).AppendLine(")");
        script.Append("-- Generated ").Append(_time.GetUtcNow().ToString("u", System.Globalization.CultureInfo.InvariantCulture))
            .AppendLine(" by " + _options.ToolVersion);
        foreach (var directive in _dialect.ScriptClientDirectives)
            script.AppendLine(directive);
        script.AppendLine();

        Append(script, _dialect.SessionSetup);
        if (start.Count == 0)
        {
            script.AppendLine("-- Bookkeeping tables");
            Append(script, _bookkeeping.CreateVersionTable());
            Append(script, _bookkeeping.CreateHistoryTable());
            script.AppendLine();
        }
        else if (plan.Steps.Count > 0)
        {
            script.AppendLine("-- The history table, where another tool (Alembic, Flask-Migrate) migrated the database until now");
            Append(script, _bookkeeping.CreateHistoryTableIfMissing());
            script.AppendLine();
        }

        var tables = new ModelTableSource(await ReplayAsync(start, cancellationToken).ConfigureAwait(false));
        var translator = new OperationTranslator(_dialect);
        foreach (var step in plan.Steps)
        {
            var (migration, operations) = step.Prepare();

            script.Append("-- ").Append(HistoryEntry.DirectionOf(step.Direction)).Append(' ').Append(Describe(step.VersionsBefore))
                .Append(" -> ").Append(Describe(step.VersionsAfter)).Append(": ").Append(step.Revision.Message)
                .Append(" (").Append(step.Revision.FileName).AppendLine(")");
            var transactional = migration.IsTransactional && _dialect.SupportsTransactionalDdl;
            if (transactional)
                script.AppendLine("BEGIN;");
            var executed = new List<SqlStatement>();
            await foreach (var unit in translator.TranslateAsync(operations, tables, cancellationToken).ConfigureAwait(false))
                executed.AddRange(unit);
            Append(script, executed);
            Append(script, _bookkeeping.WriteVersions(step.VersionsBefore, step.VersionsAfter));
            var entry = new HistoryEntry(step.Revision.Id, HistoryEntry.DirectionOf(step.Direction), string.Join(",", step.VersionsBefore),
                Checksum.Of(executed, _dialect), _time.GetUtcNow(), 0, _options.AppliedBy, _options.ToolVersion);
            Append(script, [_bookkeeping.InsertHistory(entry)]);
            if (transactional)
                script.AppendLine("COMMIT;");
            script.AppendLine();
        }
        return script.ToString();
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
