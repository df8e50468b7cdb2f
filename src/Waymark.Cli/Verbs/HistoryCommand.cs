using System.CommandLine;
using System.Text;
using System.Text.Json;
using Waymark.Planning;
using Waymark.Revisions;

namespace Waymark.Cli.Verbs;

/// <summary><c>history</c>: the revisions newest first, with the current ones and the heads marked.</summary>
internal sealed class HistoryCommand(CommandContext context)
{
    private readonly Option<string?> _range = new("--rev-range", "-r")
    {
        Description = "Only revisions between A and B, both included: A:B, A:, :B (base, head, current and ids allowed).",
    };
    private readonly Option<bool> _json = SharedOptions.Json();
    private readonly Option<bool> _verbose = SharedOptions.Verbose();

    public Command Create()
    {
        var command = new Command("history", "List the revisions, newest first, marking the current revision(s) and the heads.");
        command.Options.Add(_range);
        command.Options.Add(_json);
        command.Options.Add(_verbose);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var graph = context.LoadGraph();
        var current = await context.CreateMigrator(parse, graph).GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var revisions = Select(graph, current, parse.GetValue(_range));
        var heads = graph.Heads.ToHashSet();
        var currentSet = current.ToHashSet();
        if (parse.GetValue(_json))
        {
            await context.WriteJsonAsync(json => WriteJson(json, revisions, heads, currentSet)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        var verbose = parse.GetValue(_verbose);
        var text = new StringBuilder(revisions.Count * 64);
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
        await context.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static void WriteJson(Utf8JsonWriter json, List<Revision> revisions, HashSet<string> heads, HashSet<string> current)
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
            json.WriteBoolean("isCurrent", current.Contains(revision.Id));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    /// <summary>The revisions of <paramref name="range"/> (all when it is null), newest first.</summary>
    private static List<Revision> Select(RevisionGraph graph, IReadOnlyList<string> current, string? range)
    {
        IEnumerable<Revision> selected = graph.Revisions;
        if (range is not null)
        {
            var parts = range.Split(':');
            if (parts.Length != 2)
                throw new WaymarkUsageException($"The range '{range}' is malformed: write A:B, A: or :B.");
            var resolver = new TargetResolver(graph);
            IReadOnlyList<string> Resolve(string end) =>
                end.Equals("current", StringComparison.OrdinalIgnoreCase) ? current : resolver.ResolveOne(end);
            var lower = parts[0].Length == 0 ? null : Resolve(parts[0]);
            var upper = parts[1].Length == 0 ? null : Resolve(parts[1]);
            // An empty end is base: nothing below it to cut off.
            var below = upper is null ? null : graph.AncestorsOf(upper);
            var above = lower is null || lower.Count == 0 ? null : graph.DescendantsOf(lower);
            if (above is not null && upper is not null && !upper.Any(above.Contains))
                throw new WaymarkUsageException(
                    $"The range '{range}' is empty: {parts[1]} is not above {parts[0]}. Write the older revision first (A:B).");
            selected = selected.Where(r => (below is null || below.Contains(r.Id)) && (above is null || above.Contains(r.Id)));
        }
        return [.. selected.Reverse()];
    }
}
