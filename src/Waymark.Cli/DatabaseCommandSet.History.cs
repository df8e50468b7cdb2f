using System.CommandLine;
using Waymark.Revisions;

namespace Waymark.Cli;

public sealed partial class DatabaseCommandSet
{
    private Command HistoryCommand()
    {
        var range = new Option<string?>("--rev-range", "-r") { Description = "Only revisions between A and B, both included: A:B, A:, :B (base, head, current and ids allowed)." };
        var command = new Command("history", "List the revisions, newest first, marking the current revision(s) and the heads.");
        command.Options.Add(range);
        command.Options.Add(_json);
        command.Options.Add(_verbose);
        return Define(command, async (parse, cancellationToken) =>
        {
            var graph = _settings.LoadGraph();
            var current = await CreateMigrator(parse, graph).GetCurrentAsync(cancellationToken).ConfigureAwait(false);
            var revisions = Select(graph, current, parse.GetValue(range));
            var heads = graph.Heads.ToHashSet();
            var currentSet = current.ToHashSet();
            var verbose = parse.GetValue(_verbose);
            if (parse.GetValue(_json))
            {
                await WriteJsonAsync(json =>
                {
                    json.WriteStartArray();
                    foreach (var revision in revisions)
                    {
                        json.WriteStartObject();
                        json.WriteString("revision", revision.Id);
                        json.WriteStartArray("downRevisions");
                        foreach (var down in revision.DownRevisions)
                            json.WriteStringValue(down);
                        json.WriteEndArray();
                        json.WriteString("message", revision.Message);
                        json.WriteString("file", revision.SourceFile);
                        json.WriteBoolean("isHead", heads.Contains(revision.Id));
                        json.WriteBoolean("isCurrent", currentSet.Contains(revision.Id));
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            var text = new System.Text.StringBuilder(revisions.Count * 64);
            foreach (var revision in revisions)
            {
                text.Append(revision.IsBase ? "<base>" : string.Join(", ", revision.DownRevisions)).Append(" -> ").Append(revision.Id);
                if (heads.Contains(revision.Id)) text.Append(" (head)");
                if (currentSet.Contains(revision.Id)) text.Append(" (current)");
                if (graph.ChildrenOf(revision.Id).Count > 1) text.Append(" (branchpoint)");
                if (revision.IsMerge) text.Append(" (mergepoint)");
                text.Append(", ").Append(revision.Message);
                if (verbose) text.Append("  [").Append(revision.SourceFile).Append(']');
                text.Append('\n');
            }
            await Out.WriteAsync(text.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }

    private static List<Revision> Select(RevisionGraph graph, IReadOnlyList<string> current, string? range)
    {
        IEnumerable<Revision> selected = graph.Revisions;
        if (range is not null)
        {
            var parts = range.Split(':');
            if (parts.Length != 2)
                throw new WaymarkUsageException($"The range '{range}' is malformed: write A:B, A: or :B.");
            var resolver = new Planning.TargetResolver(graph);
            IReadOnlyList<string> Resolve(string end) => end.Equals("current", StringComparison.OrdinalIgnoreCase) ? current : resolver.ResolveOne(end);
            var lower = parts[0].Length == 0 ? null : Resolve(parts[0]);
            var upper = parts[1].Length == 0 ? null : Resolve(parts[1]);
            // An empty end is base: nothing below it to cut off.
            var below = upper is null ? null : graph.AncestorsOf(upper);
            var above = lower is null || lower.Count == 0 ? null : graph.DescendantsOf(lower);
            if (above is not null && upper is not null && !upper.Any(above.Contains))
                throw new WaymarkUsageException($"The range '{range}' is empty: {parts[1]} is not above {parts[0]}. Write the older revision first (A:B).");
            selected = selected.Where(r => (below is null || below.Contains(r.Id)) && (above is null || above.Contains(r.Id)));
        }
        return [.. selected.Reverse()];
    }
}
