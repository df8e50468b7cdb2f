using System.Globalization;
using System.Text.RegularExpressions;
using Waymark.Revisions;

namespace Waymark.Planning;

/// <summary>
/// Turns what a user types as a target into revision ids: <c>head</c>, <c>heads</c>, <c>base</c>, a full id,
/// a unique prefix, <c>+N</c> / <c>-N</c> from the current revision, and <c>REV+N</c> / <c>REV-N</c>.
/// Steps past head or base are errors, never clamped.
/// </summary>
public sealed partial class TargetResolver(RevisionGraph graph)
{
    /// <summary>Resolves <paramref name="target"/>; an empty list means base (no revision).</summary>
    /// <param name="target">What the user typed.</param>
    /// <param name="current">The database's current version rows (for relative targets).</param>
    public IReadOnlyList<string> Resolve(string target, IReadOnlyList<string> current)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(current);
        var text = target.Trim();
        if (text.Length == 0)
            throw new UnknownTargetException(target);
        if (text.Equals("heads", StringComparison.OrdinalIgnoreCase))
            return graph.Heads;

        var relative = RelativeTarget().Match(text);
        if (relative.Success)
        {
            string? start;
            if (relative.Groups["rev"].Success)
            {
                var from = ResolveOne(relative.Groups["rev"].Value);
                start = from.Count == 0 ? null : from[0];
            }
            else
            {
                if (current.Count > 1)
                    throw new TargetOutOfRangeException(text, $"the database has several current heads ({string.Join(", ", current)}); use " +
                        $"REV{relative.Groups["sign"].Value}N with one of them.");
                start = current.Count == 0 ? null : current[0];
            }
            var steps = int.Parse(relative.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
            return relative.Groups["sign"].Value == "+" ? StepUp(text, start, steps) : StepDown(text, start, steps);
        }
        return ResolveOne(text);
    }

    /// <summary>Resolves a target that names one revision (or base); relative forms are not accepted here.</summary>
    public IReadOnlyList<string> ResolveOne(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("base", StringComparison.OrdinalIgnoreCase))
            return [];
        if (text.Equals("head", StringComparison.OrdinalIgnoreCase))
            return graph.Heads.Count switch
            {
                0 => [],
                1 => graph.Heads,
                _ => throw new MultipleHeadsException(graph.Heads),
            };
        if (graph.Contains(text))
            return [text];
        var candidates = graph.IdsStartingWith(text);
        return candidates.Count switch
        {
            0 => throw new UnknownTargetException(text),
            1 => candidates,
            _ => throw new AmbiguousTargetException(text, candidates),
        };
    }

    private List<string> StepUp(string target, string? start, int steps)
    {
        var at = start;
        for (var taken = 0; taken < steps; taken++)
        {
            var next = at is null ? graph.Bases : graph.ChildrenOf(at);
            if (next.Count == 0)
                throw new TargetOutOfRangeException(target, $"{Where(at)} is a head; only {taken} step(s) up were possible.");
            if (next.Count > 1)
                throw new AmbiguousTargetException(target, next, $"{Where(at)} branches");
            at = next[0];
        }
        return at is null ? [] : [at];
    }

    private List<string> StepDown(string target, string? start, int steps)
    {
        var at = start;
        for (var taken = 0; taken < steps; taken++)
        {
            if (at is null)
                throw new TargetOutOfRangeException(target, $"base is below every revision; only {taken} step(s) down were possible.");
            var down = graph.Get(at).DownRevisions;
            if (down.Count > 1)
                throw new AmbiguousTargetException(target, down, $"{at} is a merge");
            at = down.Count == 0 ? null : down[0];
        }
        return at is null ? [] : [at];
    }

    private static string Where(string? revision) => revision is null ? "base" : $"revision {revision}";

    [GeneratedRegex(@"^(?<rev>[A-Za-z0-9_]+)?(?<sign>[+-])(?<n>[0-9]{1,6})\z")]
    private static partial Regex RelativeTarget();
}
