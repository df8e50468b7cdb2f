using System.CommandLine;

namespace Waymark.Cli;

public sealed partial class DatabaseCommandSet
{
    private Command StampCommand()
    {
        var target = new Argument<string>("revision") { Description = "The revision to record (id, prefix, head, heads), or base to clear the record.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("stamp", "Set the version record to REVISION without running any migration (the schema must already be there).");
        command.Arguments.Add(target);
        return Define(command, async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(target)
                ?? throw new WaymarkUsageException("stamp needs a revision: an id, head, or base to clear the record. Nothing was changed.");
            var migrator = CreateMigrator(parse, _settings.LoadGraph());
            migrator.LockWaiting = holder => _settings.Error.WriteLine($"Waiting for the migration lock (up to {migrator.LockTimeout.TotalSeconds:0} s): {holder}");
            var after = await migrator.StampAsync(given, cancellationToken).ConfigureAwait(false);
            await Out.WriteLineAsync($"Stamped the database at {Versions(after)} (no migration was run).").ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }
}
