using System.CommandLine;
using System.Text.Json;
using Waymark.Revisions;

namespace Waymark.Cli.Verbs;

/// <summary><c>heads</c>: the tips of the chain, read from the scripts alone (no database).</summary>
internal sealed class HeadsCommand(CommandContext context)
{
    private readonly Option<bool> _json = SharedOptions.Json();
    private readonly Option<bool> _verbose = SharedOptions.Verbose();

    public Command Create()
    {
        var command = new Command("heads", "List the heads of the revision chain (more than one means branches to merge).");
        command.Options.Add(_json);
        command.Options.Add(_verbose);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var graph = context.LoadGraph();
        if (parse.GetValue(_json))
        {
            await context.WriteJsonAsync(json => WriteJson(json, graph)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        foreach (var head in graph.Heads)
        {
            var revision = graph.Get(head);
            var line = $"{head} (head), {revision.Message}" + (parse.GetValue(_verbose) ? $"  [{revision.SourceFile}]" : "");
            await context.Out.WriteLineAsync(line).ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    private static void WriteJson(Utf8JsonWriter json, RevisionGraph graph)
    {
        json.WriteStartArray();
        foreach (var head in graph.Heads)
        {
            json.WriteStartObject();
            json.WriteString("revision", head);
            json.WriteString("message", graph.Get(head).Message);
            json.WriteString("file", graph.Get(head).SourceFile);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
