using Waymark.Execution;
using Waymark.Operations;
using Waymark.Planning;
using Waymark.Revisions;
using Waymark.Schema;

namespace Waymark.Diagnosis;

/// <summary>
/// Proves a chain on scratch databases of the live database's kind, for CI (<c>db check --replay</c>). Every revision is
/// upgraded, downgraded and upgraded again: the downgrade must give back the schema below it, and the second upgrade the
/// schema of the first. Where the chain has several heads, or branches that a merge joins, the branches are applied in each
/// order and must give one schema. The live database is never read or written: it only says where scratch databases go.
/// </summary>
public sealed partial class ReplayProof
{
    private readonly RevisionGraph _graph;
    private readonly IDatabaseProvider _live;
    private readonly MigratorOptions _options;
    private readonly SchemaComparer _comparer;
    private readonly string[] _bookkeeping;

    /// <summary>Creates the proofs of <paramref name="graph"/>, replayed in scratch databases next to <paramref name="live"/>.</summary>
    public ReplayProof(RevisionGraph graph, IDatabaseProvider live, MigratorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(live);
        _graph = graph;
        _live = live;
        _options = options ?? new MigratorOptions();
        _comparer = new SchemaComparer(live.Dialect);
        _bookkeeping = [_options.VersionTable, _options.HistoryTable];
    }

    /// <summary>Runs every proof, each in a scratch database of its own, and reports what failed.</summary>
    public async Task<ReplayReport> RunAsync(CancellationToken cancellationToken)
    {
        var findings = new List<Finding>();
        await RoundTripsAsync(findings, cancellationToken).ConfigureAwait(false);
        var orders = 0;
        foreach (var (label, tips) in BranchGroups())
            orders += await OrdersAsync(label, tips, findings, cancellationToken).ConfigureAwait(false);
        return new ReplayReport(_graph.Revisions.Count, orders, findings);
    }

    /// <summary>
    /// One run through the chain, each revision up, down and up again before the next; after each step the run's connection
    /// reads the tables either direction names (all of them after raw SQL), so the cost grows with the chain, not its square.
    /// </summary>
    private async Task RoundTripsAsync(List<Finding> findings, CancellationToken cancellationToken)
    {
        var steps = new List<MigrationStep>();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var revision in _graph.Revisions)
        {
            var below = _graph.HeadsOf(applied);
            applied.Add(revision.Id);
            var above = _graph.HeadsOf(applied);
            steps.Add(new MigrationStep(revision, MigrationDirection.Upgrade, below, above));
            steps.Add(new MigrationStep(revision, MigrationDirection.Downgrade, above, below));
            steps.Add(new MigrationStep(revision, MigrationDirection.Upgrade, below, above));
        }
        var schema = SchemaSnapshot.Empty;
        var beneath = schema;
        var first = schema;
        var done = 0;
        var scratch = await _live.CreateScratchDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await using (scratch.ConfigureAwait(false))
        {
            var migrator = new Migrator(_graph, scratch.Provider, _options)
            {
                AfterStepAsync = async (result, connection, token) =>
                {
                    var step = result.Step;
                    var operations = BothDirections(step.Revision);
                    schema = await ChainReplay.RefreshAsync(
                        scratch.Provider.SchemaReader, connection, schema, operations, _bookkeeping, token).ConfigureAwait(false);
                    var label = Label(step.Revision);
                    switch (done++ % 3)
                    {
                        case 0:
                            first = schema;
                            break;
                        case 1 when Differences(beneath, schema) is { Count: > 0 } differences:
                            findings.Add(new Finding("downgrade-differs", FindingSeverity.Error,
                                $"Downgrading {label} does not give back the schema below it ({Versions(step.VersionsAfter)}): " +
                                $"{string.Join("; ", differences)}. Its downgrade must undo exactly what its upgrade does."));
                            break;
                        case 2:
                            if (Differences(first, schema) is { Count: > 0 } again)
                                findings.Add(new Finding("upgrade-again-differs", FindingSeverity.Error,
                                    $"Upgrading {label} again after its downgrade gives another schema than the first time: " +
                                    $"{string.Join("; ", again)}. Its downgrade leaves something its upgrade then makes differently."));
                            beneath = schema;
                            break;
                    }
                },
            };
            try
            {
                await migrator.RunStepsAsync(steps, cancellationToken).ConfigureAwait(false);
            }
            catch (WaymarkException ex) when (ex is not WaymarkUsageException && done < steps.Count)
            {
                var step = steps[done];
                var what = (done % 3) switch { 0 => "Upgrading", 1 => "Downgrading", _ => "Upgrading again (after its downgrade)" };
                findings.Add(new Finding("round-trip-failed", FindingSeverity.Error,
                    $"{what} {Label(step.Revision)} failed, so the revisions after it were not replayed: {Cause(ex)}"));
            }
        }
    }

    /// <summary>What makes <paramref name="expected"/> and <paramref name="actual"/> differ, down to names, checks and triggers.</summary>
    private List<string> Differences(SchemaSnapshot expected, SchemaSnapshot actual)
    {
        var differences = _comparer.Compare(expected, actual).Select(d => d.Description).ToList();
        foreach (var table in expected.Tables)
        {
            if (actual.FindTable(table.Name) is not { } other)
                continue;
            Compare(differences, table.Name, "check constraint",
                table.CheckConstraints.Select(c => $"{c.Name} ({c.Expression})"), other.CheckConstraints.Select(c => $"{c.Name} ({c.Expression})"));
            Compare(differences, table.Name, "", table.NativeObjects.Select(n => $"{n.Kind} {n.Name}: {n.Sql}"),
                other.NativeObjects.Select(n => $"{n.Kind} {n.Name}: {n.Sql}"));
        }
        return differences;
    }

    private static void Compare(List<string> differences, string table, string kind, IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var want = expected.ToHashSet(StringComparer.Ordinal);
        var have = actual.ToHashSet(StringComparer.Ordinal);
        var prefix = kind.Length == 0 ? "" : kind + " ";
        differences.AddRange(want.Except(have).Select(w => $"{prefix}{w} on {table} is missing"));
        differences.AddRange(have.Except(want).Select(h => $"{prefix}{h} on {table} is there but not expected"));
    }

    private static List<MigrationOperation> BothDirections(Revision revision)
    {
        var operations = new List<MigrationOperation>();
        foreach (var direction in new[] { MigrationDirection.Upgrade, MigrationDirection.Downgrade })
            operations.AddRange(new MigrationStep(revision, direction, [], []).Prepare().Operations);
        return operations;
    }

    /// <summary>The database's own error where a statement failed; else what the engine said.</summary>
    private static string Cause(WaymarkException exception) => exception switch
    {
        SchemaObjectsExistException exists =>
            $"it creates {string.Join(", ", exists.Objects)}, which already exist{(exists.Objects.Count == 1 ? "s" : "")}.",
        MigrationFailedException { InnerException: { } inner } failed =>
            $"{inner.Message}{(failed.Statement is null ? "" : $" (statement: {failed.Statement})")}",
        _ => exception.Message,
    };

    private static string Label(Revision revision) => $"{revision.Id} ({revision.FileName})";

    private static string Versions(IReadOnlyList<string> versions) => versions.Count == 0 ? "base" : string.Join(", ", versions);
}
