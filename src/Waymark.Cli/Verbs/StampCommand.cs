using System.CommandLine;
using Waymark.Diagnosis;
using Waymark.Execution;
using Waymark.Revisions;
using static Waymark.Cli.TextFormat;

namespace Waymark.Cli.Verbs;

/// <summary><c>stamp</c>: set the version record without running a migration, unless the live schema says otherwise.</summary>
internal sealed class StampCommand(CommandContext context)
{
    private readonly Argument<string> _target = new("revision")
    {
        Description = "The revision to record (id, prefix, head, heads), or base to clear the record.",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<bool> _force = new("--force") { Description = "Stamp even though the live schema does not match REVISION." };
    private readonly Option<string?> _devUrl = SharedOptions.DevUrl();

    public Command Create()
    {
        var command = new Command(
            "stamp",
            "Set the version record to REVISION without running any migration; refused when the live schema is not that of REVISION.");
        command.Arguments.Add(_target);
        command.Options.Add(_force);
        command.Options.Add(_devUrl);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var given = parse.GetValue(_target)
            ?? throw new WaymarkUsageException("stamp needs a revision: an id, head, or base to clear the record. Nothing was changed.");
        var graph = context.LoadGraph();
        var migrator = context.CreateMigrator(parse, graph);
        if (!parse.GetValue(_force))
            await RefuseUntrueStampAsync(parse, graph, migrator, given, cancellationToken).ConfigureAwait(false);
        context.ReportLockWaits(migrator);
        var after = await migrator.StampAsync(given, cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"Stamped the database at {Versions(after)} (no migration was run).").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>A stamp must say where the schema is: compare it with the revision's schema first.</summary>
    private async Task RefuseUntrueStampAsync(
        ParseResult parse, RevisionGraph graph, Migrator migrator, string target, CancellationToken cancellationToken)
    {
        var current = await migrator.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var versions = migrator.Planner.PlanStamp(target, current);
        var doctor = context.CreateDoctor(parse, graph, parse.GetValue(_devUrl));
        var comparison = await doctor.CompareWithAsync(versions, cancellationToken).ConfigureAwait(false);
        var label = Versions(versions);
        if (comparison is null)
            throw new WaymarkException($"Cannot check the schema against {label}: the chain is never at exactly those heads when replayed. "
                + "Nothing was changed; use --force to stamp without the check.");
        if (comparison.Level == MatchLevel.None)
        {
            var major = comparison.Differences.Where(d => !d.IsMinor).ToList();
            var shown = major.Take(10).ToList();
            throw new WaymarkException($"Refusing to stamp {label}: the live schema is not that of {label}, so the version record would lie. "
                + "It differs in:\n  " + string.Join("\n  ", shown) + (major.Count > shown.Count ? "\n  …" : "")
                + "\nNothing was changed. 'db doctor' shows where the schema really is; --force stamps anyway.");
        }
    }
}
