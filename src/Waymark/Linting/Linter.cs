using Waymark.Diagnosis;
using Waymark.Execution;
using Waymark.Planning;
using Waymark.Revisions;

namespace Waymark.Linting;

/// <summary>
/// <c>db lint</c>: replays a range of revisions on a scratch database of the live database's kind, statement by statement,
/// and reads after each statement, before the commit, what it really did (the locks it holds, the tables it rewrote, the
/// constraints it left unvalidated…); then reads the live database, in a transaction that cannot write, for the size of
/// each table concerned and the rows a new unique index or NOT NULL would break. The live database is never written to.
/// </summary>
public sealed class Linter
{
    private readonly RevisionGraph _graph;
    private readonly IDatabaseProvider _live;
    private readonly MigratorOptions _options;

    /// <summary>Creates a linter of <paramref name="graph"/> for the database <paramref name="live"/>.</summary>
    public Linter(RevisionGraph graph, IDatabaseProvider live, MigratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(live);
        _graph = graph;
        _live = live;
        // The scratch database has no other session: nothing to wait for, nothing to retry.
        _options = (options ?? new MigratorOptions()) with { StatementLockTimeout = null, StatementTimeout = null, LockRetries = 0 };
    }

    /// <summary>An empty database of the same kind to replay in (<c>--dev-url</c>), cleared afterwards; null: a scratch database is made.</summary>
    public IDatabaseProvider? DevDatabase { get; init; }

    /// <summary>From how many live rows a table rebuild (<see cref="LintRules.TableRebuild"/>) is a warning rather than info.</summary>
    public long LargeTableRows { get; init; } = 100_000;

    /// <summary>
    /// Lints <paramref name="range"/>: null for the revisions the live database has not applied, <c>TO</c> from the live
    /// database's revision to TO, <c>FROM:TO</c> (either side may be empty: the live revision, the heads; <c>base</c> works).
    /// </summary>
    public async Task<LintReport> LintAsync(string? range, CancellationToken cancellationToken)
    {
        var (start, target) = await ResolveAsync(range, cancellationToken).ConfigureAwait(false);
        var plan = new MigrationPlanner(_graph).PlanUpgrade(start, target);
        var order = plan.Steps.Select((s, i) => (s.Revision.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var findings = plan.Steps.Select(NoDowngrade).OfType<LintFinding>().ToList();
        if (!plan.IsEmpty)
        {
            var inspector = new ReplayInspector(_live.LintProbe, new HashSet<string>(
                [_options.VersionTable, _options.HistoryTable, Names.Bare(_options.VersionTable), Names.Bare(_options.HistoryTable)],
                StringComparer.OrdinalIgnoreCase));
            await ReplayAsync(start, target, inspector, cancellationToken).ConfigureAwait(false);
            var live = await LiveReadings.ReadAsync(_live, inspector.BreakChecks, cancellationToken).ConfigureAwait(false);
            var before = inspector.TablesBeforeRange ?? [];
            findings.AddRange(inspector.Findings.Select(f => Ranked(f, live.Size(f.Table), before)));
            findings.AddRange(live.Broken.Select(b => Ranked(b, live.Size(b.Table), before)));
        }
        return new LintReport(_live.DisplayName, _live.Dialect.Name, [.. plan.Steps.Select(s => s.Revision.Id)], [.. findings
            .OrderByDescending(f => f.Severity)
            .ThenByDescending(f => f.Size?.Bytes ?? -1)
            .ThenByDescending(f => f.Size?.Rows ?? -1)
            .ThenBy(f => order[f.Revision])
            .ThenBy(f => f.Statement ?? 0)]);
    }

    private async Task<(IReadOnlyList<string> Start, string Target)> ResolveAsync(string? range, CancellationToken cancellationToken)
    {
        var parts = (range ?? ":").Split(':');
        if (parts.Length > 2 || parts.Length == 1 && parts[0].Length == 0)
            throw new WaymarkUsageException($"The range '{range}' is malformed: write TO, FROM:TO, FROM: or :TO (e.g. 017:019, base:head).");
        var (from, to) = parts.Length == 1 ? ("", parts[0]) : (parts[0], parts[1]);
        var start = from.Length > 0
            ? new MigrationPlanner(_graph).Targets.ResolveOne(from)
            : await new Migrator(_graph, _live, _options).GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        return (start, to.Length > 0 ? to : "heads");
    }

    /// <summary>A migration whose upgrade changes the schema and whose downgrade does nothing.</summary>
    private static LintFinding? NoDowngrade(MigrationStep step)
    {
        var migration = step.Revision.CreateMigration();
        var upgrade = new MigrationBuilder();
        var downgrade = new MigrationBuilder();
        migration.Upgrade(upgrade);
        migration.Downgrade(downgrade);
        // Validating a constraint changes no schema: there is nothing to undo.
        if (upgrade.Operations.All(o => o is Operations.ValidateConstraint) || downgrade.Operations.Count > 0)
            return null;
        var rule = LintRules.NoDowngrade;
        return new LintFinding(rule, rule.Severity, step.Revision.Id, null, null, null,
            $"{step.Revision.FileName} records {upgrade.Operations.Count} operation(s) in Upgrade and none in Downgrade", rule.Rewrite);
    }

    /// <summary>The finding with its live table's size and what that means for its severity and its lock's length.</summary>
    private LintFinding Ranked(LintFinding finding, TableSize? size, HashSet<string> tablesBeforeRange)
    {
        var severity = finding.Severity;
        var message = finding.Message;
        if (finding.Rule == LintRules.TableRebuild && size is { } rebuilt && rebuilt.Rows >= LargeTableRows)
            severity = FindingSeverity.Warning;
        if (finding.Table is { } table && size is null && !tablesBeforeRange.Contains(table) && finding.Rule != LintRules.LostAutoIncrement)
        {
            severity = FindingSeverity.Info;
            message += " (the table is created earlier in this range and is not in the live database yet: nothing can be waiting on it)";
        }
        return finding with
        {
            Severity = severity,
            Message = message,
            Size = size,
            Estimate = WorkEstimate.Of(finding.Rule.Work, size),
        };
    }

    private async Task ReplayAsync(IReadOnlyList<string> start, string target, ReplayInspector inspector, CancellationToken cancellationToken)
    {
        if (DevDatabase is { } dev)
        {
            if (!string.Equals(dev.Dialect.Name, _live.Dialect.Name, StringComparison.Ordinal))
                throw new WaymarkUsageException($"The dev database {dev.DisplayName} is {dev.Dialect.Name}, but {_live.DisplayName} is " +
                    $"{_live.Dialect.Name}: the revisions must be replayed on the same kind of database. " +
                    $"Give --dev-url a {_live.Dialect.Name} database.");
            await Doctor.EnsureEmptyAsync(dev, cancellationToken).ConfigureAwait(false);
            try
            {
                await ReplayOnAsync(dev, start, target, inspector, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await Doctor.ClearAsync(dev, _graph, _options, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        var scratch = await _live.CreateScratchDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await using (scratch.ConfigureAwait(false))
        {
            try
            {
                await ReplayOnAsync(scratch.Provider, start, target, inspector, cancellationToken).ConfigureAwait(false);
            }
            catch (WaymarkException ex) when (ex is not WaymarkUsageException)
            {
                throw new WaymarkException($"db lint could not replay the migrations in its scratch database {scratch.Provider.DisplayName} " +
                    $"(the live database was not touched): {ex.Message}", ex);
            }
        }
    }

    /// <summary>Brings the replay database to the range's start unwatched, then runs the range with the inspector watching.</summary>
    private async Task ReplayOnAsync(
        IDatabaseProvider database, IReadOnlyList<string> start, string target, ReplayInspector inspector, CancellationToken cancellationToken)
    {
        var migrator = new Migrator(_graph, database, _options);
        foreach (var revision in start)
            await migrator.UpgradeAsync(revision, cancellationToken).ConfigureAwait(false);
        migrator.Observer = inspector;
        await migrator.UpgradeAsync(target, cancellationToken).ConfigureAwait(false);
    }
}
