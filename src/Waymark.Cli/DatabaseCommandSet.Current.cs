using System.CommandLine;
using System.Text.Json;
using Waymark.Planning;

namespace Waymark.Cli;

public sealed partial class DatabaseCommandSet
{
    private Command CurrentCommand()
    {
        var command = new Command("current", "Show the revision(s) the database records.");
        command.Options.Add(_json);
        command.Options.Add(_verbose);
        return Define(command, async (parse, cancellationToken) =>
        {
            var graph = _settings.LoadGraph();
            var current = await CreateMigrator(parse, graph).GetCurrentAsync(cancellationToken).ConfigureAwait(false);
            var unknown = current.Where(c => !graph.Contains(c)).ToList();
            if (parse.GetValue(_json))
            {
                await WriteJsonAsync(json =>
                {
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
                }).ConfigureAwait(false);
            }
            else
            {
                if (current.Count == 0)
                    await Out.WriteLineAsync("base (no revision recorded)").ConfigureAwait(false);
                foreach (var id in current)
                {
                    var line = graph.Contains(id)
                        ? $"{id}{(graph.Heads.Contains(id) ? " (head)" : "")}" + (parse.GetValue(_verbose) ? $", {graph.Get(id).Message} ({graph.Get(id).SourceFile})" : "")
                        : $"{id} (not in the migration scripts)";
                    await Out.WriteLineAsync(line).ConfigureAwait(false);
                }
            }
            // After printing what is there: a record that names unknown revisions or contradicts itself is an error.
            new MigrationPlanner(graph).CheckCurrent(current);
            return ExitCodes.Success;
        });
    }
}
