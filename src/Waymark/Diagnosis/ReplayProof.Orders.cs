using Waymark.Execution;
using Waymark.Schema;

namespace Waymark.Diagnosis;

public sealed partial class ReplayProof
{
    /// <summary>
    /// Up to this many branches, every order is replayed (4! = 24 replays of the chain); with more, each branch goes first
    /// once, the others following in the chain's order (one replay per branch), so the cost stays bounded.
    /// </summary>
    public const int AllOrdersUpTo = 4;

    /// <summary>The branches to replay in each order: the heads when there are several, and the parents of every merge.</summary>
    private IEnumerable<(string Label, IReadOnlyList<string> Tips)> BranchGroups()
    {
        if (_graph.Heads.Count > 1)
            yield return ($"the heads {string.Join(", ", _graph.Heads)}", _graph.Heads);
        foreach (var merge in _graph.MergePoints)
            yield return ($"the branches {string.Join(", ", _graph.Get(merge).DownRevisions)} that {merge} merges", _graph.Get(merge).DownRevisions);
    }

    /// <summary>The orders in which the branches ending at <paramref name="tips"/> are applied.</summary>
    internal static IEnumerable<IReadOnlyList<string>> Orders(IReadOnlyList<string> tips)
    {
        if (tips.Count > AllOrdersUpTo)
        {
            for (var i = 0; i < tips.Count; i++)
                yield return [tips[i], .. tips.Where((_, j) => j != i)];
            yield break;
        }
        if (tips.Count <= 1)
        {
            yield return tips;
            yield break;
        }
        for (var i = 0; i < tips.Count; i++)
            foreach (var rest in Orders([.. tips.Where((_, j) => j != i)]))
                yield return [tips[i], .. rest];
    }

    /// <summary>
    /// Applies the branches ending at <paramref name="tips"/> in each order, each order in a fresh scratch database, and
    /// compares the schemas: every order must succeed and give the first order's schema. Returns how many orders ran.
    /// </summary>
    private async Task<int> OrdersAsync(string label, IReadOnlyList<string> tips, List<Finding> findings, CancellationToken cancellationToken)
    {
        var common = _graph.AncestorsOf([tips[0]]).ToHashSet(StringComparer.Ordinal);
        foreach (var tip in tips.Skip(1))
            common.IntersectWith(_graph.AncestorsOf([tip]));
        var branchOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tip in tips)
            foreach (var id in _graph.AncestorsOf([tip]).Where(id => !common.Contains(id)))
                branchOf.TryAdd(id, tip);
        (IReadOnlyList<string> Order, SchemaSnapshot Schema)? reference = null;
        var count = 0;
        foreach (var order in Orders(tips))
        {
            count++;
            var scratch = await _live.CreateScratchDatabaseAsync(cancellationToken).ConfigureAwait(false);
            await using (scratch.ConfigureAwait(false))
            {
                var migrator = new Migrator(_graph, scratch.Provider, _options);
                var applied = new List<string>();
                try
                {
                    foreach (var tip in order)
                    {
                        var run = await migrator.UpgradeAsync(tip, cancellationToken).ConfigureAwait(false);
                        applied.AddRange(run.Steps.Select(s => s.Step.Revision.Id));
                    }
                }
                catch (WaymarkException ex) when (ex is MigrationFailedException or SchemaObjectsExistException)
                {
                    var failed = ex is MigrationFailedException f ? f.RevisionId : ((SchemaObjectsExistException)ex).RevisionId;
                    var before = applied.Where(id => branchOf.TryGetValue(id, out var tip) && tip != branchOf.GetValueOrDefault(failed));
                    findings.Add(new Finding("branch-order-fails", FindingSeverity.Error,
                        $"Applying {label} in the order {string.Join(", ", order)}: {Label(_graph.Get(failed))} fails: {Cause(ex)} " +
                        $"The branches conflict: {Touching(Tables(failed), before)}."));
                    continue;
                }
                var schema = await ReadAsync(scratch.Provider, cancellationToken).ConfigureAwait(false);
                if (reference is not { } first)
                {
                    reference = (order, schema);
                    continue;
                }
                var tables = first.Schema.Tables.Select(t => t.Name).Concat(schema.Tables.Select(t => t.Name))
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Where(name => Differences(Only(first.Schema, name), Only(schema, name)).Count > 0)
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (tables.Count > 0)
                    findings.Add(new Finding("branch-order-differs", FindingSeverity.Error,
                        $"Applying {label} in the order {string.Join(", ", order)} gives another schema than in the order " +
                        $"{string.Join(", ", first.Order)}: {string.Join("; ", Differences(first.Schema, schema))}. " +
                        $"The branches conflict: {Touching(tables, branchOf.Keys)}."));
            }
        }
        return count;
    }

    /// <summary>Which of <paramref name="revisions"/> change which of <paramref name="tables"/> (null: any table, by raw SQL).</summary>
    private string Touching(IReadOnlySet<string>? tables, IEnumerable<string> revisions)
    {
        var touching = _graph.Ordered(revisions.Where(id => Tables(id) is not { } touched || tables is null || touched.Overlaps(tables)));
        var what = tables is null ? "raw SQL that may change any table" : string.Join(", ", tables.Order(StringComparer.Ordinal));
        return touching.Count == 0
            ? $"{what}, which no revision of another branch names (raw SQL?)"
            : $"{what}, changed by {string.Join(" and ", touching.Select(id => Label(_graph.Get(id))))}";
    }

    /// <summary>The tables a revision's upgrade changes; null when it runs raw SQL, which may change any.</summary>
    private HashSet<string>? Tables(string revision)
    {
        var (_, operations) = new Planning.MigrationStep(_graph.Get(revision), Planning.MigrationDirection.Upgrade, [], []).Prepare();
        return ChainReplay.TablesNamedBy(operations);
    }

    private static SchemaSnapshot Only(SchemaSnapshot schema, string table) =>
        schema.FindTable(table) is { } found ? new SchemaSnapshot([found]) : SchemaSnapshot.Empty;

    private async Task<SchemaSnapshot> ReadAsync(IDatabaseProvider database, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
            return (await database.SchemaReader.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false)).Without(_bookkeeping);
    }
}
