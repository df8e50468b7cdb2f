using System.CommandLine;
using Waymark.Planning;

namespace Waymark.Cli.Verbs;

/// <summary><c>downgrade</c>: undo the revisions above a target, or print their script.</summary>
internal sealed class DowngradeCommand(CommandContext context, ChainMover mover)
{
    // No default: undoing is destructive, so the target is always said out loud.
    private readonly Argument<string> _target = new("target")
    {
        Description = "Where to go: -1, -N, base, an id or prefix, REV-N. With --sql: FROM:TO.",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<bool> _sql = SharedOptions.Sql();

    public Command Create()
    {
        var command = new Command("downgrade", "Undo the revisions above TARGET, newest first.");
        command.Arguments.Add(_target);
        command.Options.Add(_sql);
        return context.Define(command, RunAsync);
    }

    private Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var given = parse.GetValue(_target)
            ?? throw new WaymarkUsageException(
                "downgrade needs a target: -1 (one step), base (everything), or a revision id. Nothing was changed.");
        return parse.GetValue(_sql)
            ? mover.WriteScriptAsync(parse, given, MigrationDirection.Downgrade, cancellationToken)
            : mover.MoveAsync(parse, given, MigrationDirection.Downgrade, cancellationToken);
    }
}
