using System.CommandLine;
using Waymark.Planning;

namespace Waymark.Cli.Verbs;

/// <summary><c>revision</c>: write a new, empty migration file after the single head.</summary>
internal sealed class RevisionCommand(CommandContext context)
{
    private readonly Option<string> _message = new("--message", "-m") { Description = "What the revision does.", Required = true };
    private readonly Option<string?> _directory = SharedOptions.Directory();

    public Command Create()
    {
        var command = new Command("revision", "Write a new, empty migration file that follows the current head.");
        command.Options.Add(_message);
        command.Options.Add(_directory);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var graph = context.LoadGraph();
        // Following several heads at once is a merge, which says so by its own verb.
        if (graph.Heads.Count > 1)
            throw new MultipleHeadsException(graph.Heads);
        var file = await context.CreateFileWriter(parse.GetValue(_directory))
            .WriteAsync(graph, parse.GetValue(_message)!, graph.Heads, cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Created {file}. Fill in Upgrade and Downgrade, then rebuild so the application includes it.")
            .ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
