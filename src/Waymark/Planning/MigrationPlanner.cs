using Waymark.Revisions;

namespace Waymark.Planning;

/// <summary>
/// Works out which revisions to apply or undo, and in what order, to move the database from its
/// version rows to a target. Upgrades apply every missing ancestor of the target (both sides of a
/// merge, once, in the graph's order); downgrades undo what lies above the target, newest first.
/// </summary>
public sealed class MigrationPlanner(RevisionGraph graph)
{
    private readonly TargetResolver _resolver = new(graph);

    /// <summary>The graph this planner works on.</summary>
    public RevisionGraph Graph => graph;

    /// <summary>The resolver for targets on this graph.</summary>
    public TargetResolver Targets => _resolver;

    /// <summary>Plans an upgrade from <paramref name="current"/> to <paramref name="target"/>.</summary>
    public MigrationPlan PlanUpgrade(IReadOnlyList<string> current, string target)
    {
        CheckCurrent(current);
        var targets = _resolver.Resolve(target, current);
        var applied = graph.AncestorsOf(current).ToHashSet(StringComparer.Ordinal);
        var toApply = graph.Ordered(graph.AncestorsOf(targets).Where(id => !applied.Contains(id)));
        if (toApply.Count == 0 && targets.Except(current).Any() || targets.Count == 0 && current.Count > 0)
            throw new TargetOutOfRangeException(target, $"it is below the current revision ({Describe(current)}); use downgrade to go back.");
        var steps = new List<MigrationStep>(toApply.Count);
        foreach (var id in toApply)
        {
            var before = graph.HeadsOf(applied);
            applied.Add(id);
            steps.Add(new MigrationStep(graph.Get(id), MigrationDirection.Upgrade, before, graph.HeadsOf(applied)));
        }
        return new MigrationPlan(current, steps.Count == 0 ? current : steps[^1].VersionsAfter, steps);
    }

    /// <summary>Plans a downgrade from <paramref name="current"/> to <paramref name="target"/>.</summary>
    public MigrationPlan PlanDowngrade(IReadOnlyList<string> current, string target)
    {
        CheckCurrent(current);
        var targets = _resolver.Resolve(target, current);
        var applied = graph.AncestorsOf(current).ToHashSet(StringComparer.Ordinal);
        var notApplied = targets.Where(t => !applied.Contains(t)).ToList();
        if (notApplied.Count > 0)
            throw new TargetOutOfRangeException(
                target, $"{string.Join(", ", notApplied)} is not applied (current: {Describe(current)}); use upgrade to go forward.");
        var keep = graph.AncestorsOf(targets);
        var toUndo = targets.Count == 0
            ? applied.ToList()
            : graph.DescendantsOf(targets).Where(id => applied.Contains(id) && !keep.Contains(id)).ToList();
        var steps = new List<MigrationStep>(toUndo.Count);
        foreach (var id in graph.Ordered(toUndo).Reverse())
        {
            var before = graph.HeadsOf(applied);
            applied.Remove(id);
            steps.Add(new MigrationStep(graph.Get(id), MigrationDirection.Downgrade, before, graph.HeadsOf(applied)));
        }
        return new MigrationPlan(current, steps.Count == 0 ? current : steps[^1].VersionsAfter, steps);
    }

    /// <summary>The version rows a stamp to <paramref name="target"/> writes.</summary>
    public IReadOnlyList<string> PlanStamp(string target, IReadOnlyList<string> current)
    {
        var targets = _resolver.Resolve(target, current.Where(graph.Contains).ToList());
        return graph.HeadsOf(targets.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Checks that the version rows name known revisions and do not contradict each other; see the
    /// exceptions for what each finding means and how to repair it.
    /// </summary>
    public void CheckCurrent(IReadOnlyList<string> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var unknown = current.Where(id => !graph.Contains(id)).ToList();
        if (unknown.Count > 0)
            throw new UnknownDatabaseRevisionException(unknown, graph.Heads);
        foreach (var id in current)
        {
            var implied = current.Where(other => other != id && graph.AncestorsOf([other]).Contains(id)).ToList();
            if (implied.Count > 0)
                throw new InconsistentVersionRecordException(current, id, implied[0]);
        }
    }

    private static string Describe(IReadOnlyList<string> current) => current.Count == 0 ? "base" : string.Join(", ", current);
}
