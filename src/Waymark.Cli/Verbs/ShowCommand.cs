using System.CommandLine;
using System.Text;
using System.Text.Json;
using Waymark.Planning;
using Waymark.Revisions;

namespace Waymark.Cli.Verbs;

/// <summary><c>show</c>: one revision's links, file and operations, read by running its builder (no database).</summary>
internal sealed class ShowCommand(CommandContext context)
{
    private readonly Argument<string> _revision = new("revision")
    {
        Description = "The revision (id, prefix, head, current); default head.",
        DefaultValueFactory = _ => "head",
    };
    private readonly Option<bool> _json = SharedOptions.Json();

    public Command Create()
    {
        var command = new Command("show", "Show one revision: its links, file and operations.");
        command.Arguments.Add(_revision);
        command.Options.Add(_json);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var graph = context.LoadGraph();
        var target = parse.GetValue(_revision)!;
        // Only "current" needs the database; every other name is resolved in the scripts.
        var ids = target.Equals("current", StringComparison.OrdinalIgnoreCase)
            ? await context.CreateMigrator(parse, graph).GetCurrentAsync(cancellationToken).ConfigureAwait(false)
            : new TargetResolver(graph).ResolveOne(target);
        if (ids.Count == 0)
            throw new WaymarkUsageException($"'{target}' is base, which is no revision; name a revision to show.");
        if (parse.GetValue(_json))
            await context.WriteJsonAsync(json =>
            {
                // Several current heads make one array; one revision stays one object.
                if (ids.Count > 1) json.WriteStartArray();
                foreach (var id in ids)
                    WriteJson(json, graph, graph.Get(id));
                if (ids.Count > 1) json.WriteEndArray();
            }).ConfigureAwait(false);
        else
            foreach (var id in ids)
                await context.Out.WriteAsync(Text(graph, graph.Get(id))).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static (Migration Migration, MigrationBuilder Upgrade, MigrationBuilder Downgrade) Operations(Revision revision)
    {
        var upgrade = new MigrationBuilder();
        var downgrade = new MigrationBuilder();
        var migration = revision.CreateMigration();
        migration.Upgrade(upgrade);
        migration.Downgrade(downgrade);
        return (migration, upgrade, downgrade);
    }

    private static void WriteJson(Utf8JsonWriter json, RevisionGraph graph, Revision revision)
    {
        var (migration, upgrade, downgrade) = Operations(revision);
        json.WriteStartObject();
        json.WriteString("revision", revision.Id);
        json.WriteString("message", revision.Message);
        json.WriteString("file", revision.SourceFile);
        json.WriteStartArray("downRevisions");
        foreach (var down in revision.DownRevisions) json.WriteStringValue(down);
        json.WriteEndArray();
        json.WriteStartArray("nextRevisions");
        foreach (var child in graph.ChildrenOf(revision.Id)) json.WriteStringValue(child);
        json.WriteEndArray();
        json.WriteBoolean("isHead", graph.Heads.Contains(revision.Id));
        json.WriteBoolean("transactional", migration.IsTransactional);
        json.WriteStartArray("upgrade");
        foreach (var op in upgrade.Operations) json.WriteStringValue(op.Describe());
        json.WriteEndArray();
        json.WriteStartArray("downgrade");
        foreach (var op in downgrade.Operations) json.WriteStringValue(op.Describe());
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string Text(RevisionGraph graph, Revision revision)
    {
        var (migration, upgrade, downgrade) = Operations(revision);
        var text = new StringBuilder();
        text.Append("Rev: ").Append(revision.Id).AppendLine(graph.Heads.Contains(revision.Id) ? " (head)" : "");
        text.Append("Parent: ").AppendLine(revision.IsBase ? "<base>" : string.Join(", ", revision.DownRevisions));
        if (graph.ChildrenOf(revision.Id).Count > 0)
            text.Append("Next: ").AppendLine(string.Join(", ", graph.ChildrenOf(revision.Id)));
        text.Append("Path: ").AppendLine(revision.SourceFile);
        text.Append("Transactional: ").AppendLine(migration.IsTransactional ? "yes" : "no");
        text.AppendLine().Append("    ").AppendLine(revision.Message).AppendLine();
        text.AppendLine("Upgrade:");
        foreach (var op in upgrade.Operations) text.Append("    ").AppendLine(op.Describe());
        text.AppendLine("Downgrade:");
        foreach (var op in downgrade.Operations) text.Append("    ").AppendLine(op.Describe());
        return text.ToString();
    }
}
