using System.CommandLine;
using Waymark.Planning;

namespace Waymark.Cli.Verbs;

/// <summary><c>merge</c>: write a revision whose down-revisions are the heads it joins.</summary>
internal sealed class MergeCommand(CommandContext context)
{
    private readonly Option<string> _message = new("--message", "-m") { Description = "What the merge joins.", Required = true };
    private readonly Option<string?> _directory = SharedOptions.Directory();
    private readonly Argument<string[]> _revisions = new("revisions")
    {
        Description = "The heads to join (default: all heads).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Command Create()
    {
        var command = new Command("merge", "Write a merge revision that joins several heads into one.");
        command.Options.Add(_message);
        command.Options.Add(_directory);
        command.Arguments.Add(_revisions);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var graph = context.LoadGraph();
        var resolver = new TargetResolver(graph);
        var given = parse.GetValue(_revisions) ?? [];
        var joined = given.Length == 0 ? graph.Heads : [.. given.SelectMany(resolver.ResolveOne).Distinct()];
        if (joined.FirstOrDefault(id => joined.Any(other => other != id && graph.AncestorsOf([other]).Contains(id))) is { } ancestor)
            throw new WaymarkUsageException($"{ancestor} is an ancestor of another revision named ({string.Join(", ", joined)}); "
                + "a merge joins branches, none of which contains another. Name the heads ('heads' lists them).");
        if (joined.Count < 2)
            throw new WaymarkUsageException("There is nothing to merge: a merge joins two or more heads, and there "
                + $"{(joined.Count == 1 ? "is one" : "are none")} ({string.Join(", ", joined)}).");
        var file = await context.CreateFileWriter(parse.GetValue(_directory))
            .WriteAsync(graph, parse.GetValue(_message)!, joined, cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync(
            $"Created merge revision {file} joining {string.Join(", ", joined)}; rebuild so the application includes it.").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
