using System.CommandLine;
using Waymark.Planning;

namespace Waymark.Cli.Verbs;

/// <summary><c>upgrade</c>: apply the revisions up to a target (head by default), or print their script.</summary>
internal sealed class UpgradeCommand(CommandContext context, ChainMover mover)
{
    private readonly Argument<string> _target = new("target")
    {
        Description = "Where to go: head (default), heads, an id or prefix, +N, REV+N. With --sql: [FROM:]TO.",
        DefaultValueFactory = _ => "head",
    };
    private readonly Option<bool> _sql = SharedOptions.Sql();

    public Command Create()
    {
        var command = new Command("upgrade", "Apply the revisions up to TARGET, each in its own transaction.");
        command.Arguments.Add(_target);
        command.Options.Add(_sql);
        return context.Define(command, RunAsync);
    }

    private Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken) =>
        parse.GetValue(_sql)
            ? mover.WriteScriptAsync(parse, parse.GetValue(_target)!, MigrationDirection.Upgrade, cancellationToken)
            : mover.MoveAsync(parse, parse.GetValue(_target)!, MigrationDirection.Upgrade, cancellationToken);
}
