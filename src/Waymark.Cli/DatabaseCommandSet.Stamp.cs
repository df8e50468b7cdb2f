using System.CommandLine;
using Waymark.Diagnosis;
using Waymark.Execution;
using Waymark.Revisions;

namespace Waymark.Cli;

public sealed partial class DatabaseCommandSet
{
    private Command StampCommand()
    {
        var target = new Argument<string>("revision") { Description = "The revision to record (id, prefix, head, heads), or base to clear the record.", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Stamp even though the live schema does not match REVISION." };
        var command = new Command("stamp", "Set the version record to REVISION without running any migration; refused when the live schema is not that of REVISION.");
        command.Arguments.Add(target);
        command.Options.Add(force);
        command.Options.Add(_devUrl);
        return Define(command, async (parse, cancellationToken) =>
        {
            var given = parse.GetValue(target)
                ?? throw new WaymarkUsageException("stamp needs a revision: an id, head, or base to clear the record. Nothing was changed.");
            var graph = _settings.LoadGraph();
            var migrator = CreateMigrator(parse, graph);
            if (!parse.GetValue(force))
                await RefuseUntrueStampAsync(parse, graph, migrator, given, cancellationToken).ConfigureAwait(false);
            migrator.LockWaiting = holder => _settings.Error.WriteLine($"Waiting for the migration lock (up to {migrator.LockTimeout.TotalSeconds:0} s): {holder}");
            var after = await migrator.StampAsync(given, cancellationToken).ConfigureAwait(false);
            await Out.WriteLineAsync($"Stamped the database at {Versions(after)} (no migration was run).").ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }

    /// <summary>A stamp must say where the schema is: compare it with the revision's schema first.</summary>
    private async Task RefuseUntrueStampAsync(ParseResult parse, RevisionGraph graph, Migrator migrator, string target, CancellationToken cancellationToken)
    {
        var current = await migrator.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var versions = migrator.Planner.PlanStamp(target, current);
        var comparison = await CreateDoctor(parse).CompareWithAsync(versions, cancellationToken).ConfigureAwait(false);
        var label = Versions(versions);
        if (comparison is null)
            throw new WaymarkException($"Cannot check the schema against {label}: the chain is never at exactly those heads when replayed. Nothing was changed; use --force to stamp without the check.");
        if (comparison.Level == MatchLevel.None)
        {
            var shown = comparison.Differences.Where(d => !d.IsMinor).Take(10).ToList();
            throw new WaymarkException($"Refusing to stamp {label}: the live schema is not that of {label}, so the version record would lie. It differs in:\n  " +
                string.Join("\n  ", shown) + (comparison.Differences.Count(d => !d.IsMinor) > shown.Count ? "\n  …" : "") +
                "\nNothing was changed. 'db doctor' shows where the schema really is; --force stamps anyway.");
        }
    }
}
