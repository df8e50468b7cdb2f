using System.CommandLine;
using System.Text.Json;
using Waymark.Planning;
using Waymark.Revisions;

namespace Waymark.Cli.Verbs;

/// <summary><c>current</c>: the revision(s) the database records, marked against the scripts.</summary>
internal sealed class CurrentCommand(CommandContext context)
{
    private readonly Option<bool> _json = SharedOptions.Json();
    private readonly Option<bool> _verbose = SharedOptions.Verbose();

    public Command Create()
    {
        var command = new Command("current", "Show the revision(s) the database records.");
        command.Options.Add(_json);
        command.Options.Add(_verbose);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var graph = context.LoadGraph();
        var current = await context.CreateMigrator(parse, graph).GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(_json))
        {
            await context.WriteJsonAsync(json => WriteJson(json, graph, current)).ConfigureAwait(false);
        }
        else
        {
            if (current.Count == 0)
                await context.Out.WriteLineAsync("base (no revision recorded)").ConfigureAwait(false);
            foreach (var id in current)
                await context.Out.WriteLineAsync(Line(graph, id, parse.GetValue(_verbose))).ConfigureAwait(false);
        }
        // After printing what is there: a record that names unknown revisions or contradicts itself is an error.
        new MigrationPlanner(graph).CheckCurrent(current);
        return ExitCodes.Success;
    }

    private static string Line(RevisionGraph graph, string id, bool verbose)
    {
        if (!graph.Contains(id))
            return $"{id} (not in the migration scripts)";
        var revision = graph.Get(id);
        return $"{id}{(graph.Heads.Contains(id) ? " (head)" : "")}" + (verbose ? $", {revision.Message} ({revision.SourceFile})" : "");
    }

    private static void WriteJson(Utf8JsonWriter json, RevisionGraph graph, IReadOnlyList<string> current)
    {
        var unknown = current.Where(c => !graph.Contains(c)).ToList();
        json.WriteStartObject();
        json.WriteStartArray("current");
        foreach (var id in current)
        {
            json.WriteStartObject();
            json.WriteString("revision", id);
            json.WriteBoolean("known", graph.Contains(id));
            json.WriteBoolean("isHead", graph.Heads.Contains(id));
            if (graph.Contains(id))
                json.WriteString("message", graph.Get(id).Message);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("heads");
        foreach (var head in graph.Heads)
            json.WriteStringValue(head);
        json.WriteEndArray();
        json.WriteBoolean("upToDate", unknown.Count == 0 && current.ToHashSet().SetEquals(graph.Heads));
        json.WriteEndObject();
    }
}
