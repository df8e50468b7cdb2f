using System.CommandLine;
using Waymark.Cli.Verbs;

namespace Waymark.Cli;

/// <summary>
/// The migration commands (<c>current</c>, <c>history</c>, <c>heads</c>, <c>show</c>, <c>upgrade</c>, <c>downgrade</c>,
/// <c>stamp</c>, <c>revision</c>, <c>merge</c>, <c>doctor</c>, <c>check</c>) as one System.CommandLine command that any
/// application can mount. Each verb is its own small class in <c>Verbs/</c> (read its arguments, call the library,
/// print); they share one <see cref="CommandContext"/>, which also maps errors to exit codes.
/// </summary>
public static class DatabaseCommandSet
{
    /// <summary>Creates the command (named <paramref name="name"/>, <c>db</c> by default) with every subcommand.</summary>
    public static Command Create(WaymarkCliSettings settings, string name = "db")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var context = new CommandContext(settings);
        var command = new Command(name, "Schema migrations: see where the database is, move it along the revision chain, write new revisions.");
        command.Options.Add(context.Database);
        command.Options.Add(context.LockTimeout);
        command.Options.Add(context.StatementLockTimeout);
        command.Options.Add(context.StatementTimeout);
        command.Options.Add(context.LockRetries);
        command.Options.Add(context.VersionSchema);
        var mover = new ChainMover(context);
        // The order here is the order of the help's command list.
        command.Subcommands.Add(new CurrentCommand(context).Create());
        command.Subcommands.Add(new HistoryCommand(context).Create());
        command.Subcommands.Add(new HeadsCommand(context).Create());
        command.Subcommands.Add(new ShowCommand(context).Create());
        command.Subcommands.Add(new UpgradeCommand(context, mover).Create());
        command.Subcommands.Add(new DowngradeCommand(context, mover).Create());
        command.Subcommands.Add(new StampCommand(context).Create());
        command.Subcommands.Add(new RevisionCommand(context).Create());
        command.Subcommands.Add(new MergeCommand(context).Create());
        command.Subcommands.Add(new DoctorCommand(context).Create());
        command.Subcommands.Add(new CheckCommand(context).Create());
        command.Subcommands.Add(new LintCommand(context).Create());
        return command;
    }
}
