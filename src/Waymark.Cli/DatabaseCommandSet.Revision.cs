using System.CommandLine;
using Waymark.Revisions;

namespace Waymark.Cli;

public sealed partial class DatabaseCommandSet
{
    private Command RevisionCommand()
    {
        var message = new Option<string>("--message", "-m") { Description = "What the revision does.", Required = true };
        var directory = new Option<string?>("--dir") { Description = "Where to write the file (default: the application's migrations directory)." };
        var command = new Command("revision", "Write a new, empty migration file that follows the current head.");
        command.Options.Add(message);
        command.Options.Add(directory);
        return Define(command, async (parse, cancellationToken) =>
        {
            var graph = _settings.LoadGraph();
            if (graph.Heads.Count > 1)
                throw new Planning.MultipleHeadsException(graph.Heads);
            var file = await new MigrationFileWriter(parse.GetValue(directory) ?? _settings.MigrationsDirectory, _settings.MigrationsNamespace)
                .WriteAsync(graph, parse.GetValue(message)!, graph.Heads, cancellationToken).ConfigureAwait(false);
            await Out.WriteLineAsync($"Created {file}. Fill in Upgrade and Downgrade, then rebuild so the application includes it.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }

    private Command MergeCommand()
    {
        var message = new Option<string>("--message", "-m") { Description = "What the merge joins.", Required = true };
        var directory = new Option<string?>("--dir") { Description = "Where to write the file (default: the application's migrations directory)." };
        var revisions = new Argument<string[]>("revisions") { Description = "The heads to join (default: all heads).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("merge", "Write a merge revision that joins several heads into one.");
        command.Options.Add(message);
        command.Options.Add(directory);
        command.Arguments.Add(revisions);
        return Define(command, async (parse, cancellationToken) =>
        {
            var graph = _settings.LoadGraph();
            var resolver = new Planning.TargetResolver(graph);
            var given = parse.GetValue(revisions) ?? [];
            var joined = given.Length == 0 ? graph.Heads : [.. given.SelectMany(resolver.ResolveOne).Distinct()];
            if (joined.FirstOrDefault(id => joined.Any(other => other != id && graph.AncestorsOf([other]).Contains(id))) is { } ancestor)
                throw new WaymarkUsageException($"{ancestor} is an ancestor of another revision named ({string.Join(", ", joined)}); a merge joins branches, none of which contains another. Name the heads ('heads' lists them).");
            if (joined.Count < 2)
                throw new WaymarkUsageException($"There is nothing to merge: a merge joins two or more heads, and there {(joined.Count == 1 ? "is one" : "are none")} ({string.Join(", ", joined)}).");
            var file = await new MigrationFileWriter(parse.GetValue(directory) ?? _settings.MigrationsDirectory, _settings.MigrationsNamespace)
                .WriteAsync(graph, parse.GetValue(message)!, joined, cancellationToken).ConfigureAwait(false);
            await Out.WriteLineAsync($"Created merge revision {file} joining {string.Join(", ", joined)}; rebuild so the application includes it.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }
}
