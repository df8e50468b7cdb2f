using System.CommandLine;

namespace Waymark.Cli;

public sealed partial class DatabaseCommandSet
{
    private Command HeadsCommand()
    {
        var command = new Command("heads", "List the heads of the revision chain (more than one means branches to merge).");
        command.Options.Add(_json);
        command.Options.Add(_verbose);
        return Define(command, async (parse, cancellationToken) =>
        {
            var graph = _settings.LoadGraph();
            if (parse.GetValue(_json))
            {
                await WriteJsonAsync(json =>
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
                }).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            foreach (var head in graph.Heads)
            {
                var revision = graph.Get(head);
                await Out.WriteLineAsync($"{head} (head), {revision.Message}" + (parse.GetValue(_verbose) ? $"  [{revision.SourceFile}]" : "")).ConfigureAwait(false);
            }
            return ExitCodes.Success;
        });
    }
}
