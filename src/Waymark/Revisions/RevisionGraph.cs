using System.Text.RegularExpressions;

namespace Waymark.Revisions;

/// <summary>
/// The revisions and their down-revision links, validated when built. Pure: it answers heads, bases,
/// ancestry and orderings, and does no I/O.
/// </summary>
public sealed partial class RevisionGraph
{
    private static readonly HashSet<string> ReservedIds = new(StringComparer.OrdinalIgnoreCase) { "head", "heads", "base" };

    private readonly Dictionary<string, Revision> _byId;
    private readonly Dictionary<string, List<string>> _children;
    private readonly Dictionary<string, int> _order;

    /// <summary>Builds and validates the graph; see the exceptions for what is refused.</summary>
    /// <exception cref="InvalidRevisionException">An id is empty, too long, or uses characters targets give a meaning to.</exception>
    /// <exception cref="DuplicateRevisionException">Two migrations declare one id.</exception>
    /// <exception cref="MissingDownRevisionException">A down-revision names no revision.</exception>
    /// <exception cref="RevisionCycleException">The down-revisions form a cycle.</exception>
    public RevisionGraph(IEnumerable<Revision> revisions)
    {
        ArgumentNullException.ThrowIfNull(revisions);
        _byId = new Dictionary<string, Revision>(StringComparer.Ordinal);
        foreach (var revision in revisions)
        {
            ValidateId(revision.Id, revision.SourceFile, "id");
            foreach (var down in revision.DownRevisions)
                ValidateId(down, revision.SourceFile, "down-revision");
            if (revision.DownRevisions.Distinct(StringComparer.Ordinal).Count() != revision.DownRevisions.Count)
                throw new InvalidRevisionException(revision.SourceFile, $"Revision '{revision.Id}' names the same down-revision twice.");
            if (!_byId.TryAdd(revision.Id, revision))
                throw new DuplicateRevisionException(revision.Id, [_byId[revision.Id].SourceFile, revision.SourceFile]);
        }

        _children = _byId.Keys.ToDictionary(id => id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var revision in _byId.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            foreach (var down in revision.DownRevisions)
            {
                if (!_children.TryGetValue(down, out var siblings))
                    throw new MissingDownRevisionException(revision.Id, down, revision.SourceFile);
                siblings.Add(revision.Id);
            }
        }

        var ordered = TopologicalOrder(_byId.Keys);
        _order = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
            _order[ordered[i].Id] = i;
        Revisions = ordered;
        Heads = [.. ordered.Where(r => _children[r.Id].Count == 0).Select(r => r.Id)];
        Bases = [.. ordered.Where(r => r.IsBase).Select(r => r.Id)];
    }

    /// <summary>Every revision, oldest first (a deterministic topological order: ties go by id).</summary>
    public IReadOnlyList<Revision> Revisions { get; }

    /// <summary>The revisions no revision follows.</summary>
    public IReadOnlyList<string> Heads { get; }

    /// <summary>The revisions that follow none.</summary>
    public IReadOnlyList<string> Bases { get; }

    /// <summary>Whether a revision with this exact id exists.</summary>
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>The revision with this exact id.</summary>
    /// <exception cref="KeyNotFoundException">No revision has that id; callers resolve user input through
    /// <see cref="Planning.TargetResolver"/>.</exception>
    public Revision Get(string id) => _byId[id];

    /// <summary>The revisions that follow <paramref name="id"/> directly.</summary>
    public IReadOnlyList<string> ChildrenOf(string id) => _children[id];

    /// <summary>Revisions with more than one child: where the chain splits into branches.</summary>
    public IEnumerable<string> BranchPoints => Revisions.Where(r => _children[r.Id].Count > 1).Select(r => r.Id);

    /// <summary>Revisions that join several branches.</summary>
    public IEnumerable<string> MergePoints => Revisions.Where(r => r.IsMerge).Select(r => r.Id);

    /// <summary>The ids that start with <paramref name="prefix"/>.</summary>
    public IReadOnlyList<string> IdsStartingWith(string prefix) =>
        [.. Revisions.Select(r => r.Id).Where(id => id.StartsWith(prefix, StringComparison.Ordinal))];

    /// <summary><paramref name="ids"/> and every revision they follow, directly or not.</summary>
    public IReadOnlySet<string> AncestorsOf(IEnumerable<string> ids) => Closure(ids, id => _byId[id].DownRevisions);

    /// <summary><paramref name="ids"/> and every revision that follows them, directly or not.</summary>
    public IReadOnlySet<string> DescendantsOf(IEnumerable<string> ids) => Closure(ids, id => _children[id]);

    /// <summary>The revisions of <paramref name="ids"/> that no other revision of the set follows.</summary>
    public IReadOnlyList<string> HeadsOf(IReadOnlySet<string> ids) =>
        [.. Ordered(ids).Where(id => !_children[id].Any(ids.Contains))];

    /// <summary><paramref name="ids"/> oldest first, in the graph's order.</summary>
    public IReadOnlyList<string> Ordered(IEnumerable<string> ids) => [.. ids.OrderBy(id => _order[id])];

    /// <summary>The revisions between <paramref name="from"/> (exclusive; null for base) and <paramref name="to"/>
    /// (inclusive), oldest first.</summary>
    public IReadOnlyList<string> Path(string? from, string to)
    {
        var below = from is null ? new HashSet<string>() : AncestorsOf([from]);
        return Ordered(AncestorsOf([to]).Where(id => !below.Contains(id)));
    }

    private static HashSet<string> Closure(IEnumerable<string> start, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(start);
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (seen.Add(id))
                foreach (var n in next(id))
                    pending.Push(n);
        }
        return seen;
    }

    private List<Revision> TopologicalOrder(IEnumerable<string> ids)
    {
        var remainingParents = _byId.Values.ToDictionary(r => r.Id, r => r.DownRevisions.Count, StringComparer.Ordinal);
        var ready = new SortedSet<string>(ids.Where(id => remainingParents[id] == 0), StringComparer.Ordinal);
        var ordered = new List<Revision>(_byId.Count);
        while (ready.Count > 0)
        {
            var id = ready.Min!;
            ready.Remove(id);
            ordered.Add(_byId[id]);
            foreach (var child in _children[id])
                if (--remainingParents[child] == 0)
                    ready.Add(child);
        }
        if (ordered.Count < _byId.Count)
            throw CycleAmong(remainingParents.Where(p => p.Value > 0).Select(p => p.Key));
        return ordered;
    }

    private RevisionCycleException CycleAmong(IEnumerable<string> stuck)
    {
        // Every stuck revision has a stuck down-revision, so walking down must revisit one: that is the cycle.
        var stuckSet = stuck.ToHashSet(StringComparer.Ordinal);
        var path = new List<string>();
        var id = stuckSet.Min(StringComparer.Ordinal)!;
        while (!path.Contains(id))
        {
            path.Add(id);
            id = _byId[id].DownRevisions.First(stuckSet.Contains);
        }
        var cycle = path.Skip(path.IndexOf(id)).Append(id).ToList();
        return new RevisionCycleException(cycle, [.. cycle.Distinct().Select(c => _byId[c].SourceFile)]);
    }

    private static void ValidateId(string id, string sourceFile, string what)
    {
        if (string.IsNullOrWhiteSpace(id))
            throw new InvalidRevisionException(sourceFile, $"A revision {what} is empty.");
        if (!ValidId().IsMatch(id))
            throw new InvalidRevisionException(sourceFile, $"Revision {what} '{id}' is malformed: use 1 to 32 letters, digits or underscores.");
        if (ReservedIds.Contains(id))
            throw new InvalidRevisionException(sourceFile, $"Revision {what} '{id}' is a reserved word (head, heads, base).");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_]{1,32}\z")]
    private static partial Regex ValidId();
}
