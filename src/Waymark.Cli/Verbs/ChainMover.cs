using System.CommandLine;
using Waymark.Execution;
using Waymark.Planning;
using static Waymark.Cli.TextFormat;

namespace Waymark.Cli.Verbs;

/// <summary>
/// What <c>upgrade</c> and <c>downgrade</c> share: moving the database along the chain with a line per step, or
/// writing that move as an SQL script (<c>--sql</c>). The two verbs differ only in direction and in what a target
/// may be, so one mover keeps their output alike.
/// </summary>
internal sealed class ChainMover(CommandContext context)
{
    public async Task<int> MoveAsync(ParseResult parse, string target, MigrationDirection direction, CancellationToken cancellationToken)
    {
        var migrator = context.CreateMigrator(parse, context.LoadGraph());
        var verb = direction == MigrationDirection.Upgrade ? "Upgraded" : "Downgraded";
        context.ReportLockWaits(migrator);
        migrator.StepCompleted = step => context.Out.WriteLine(
            $"{verb} {Versions(step.Step.VersionsBefore)} -> {Versions(step.Step.VersionsAfter)}: "
            + $"{step.Step.Revision.Message} ({Milliseconds(step.Duration)})");
        var result = direction == MigrationDirection.Upgrade
            ? await migrator.UpgradeAsync(target, cancellationToken).ConfigureAwait(false)
            : await migrator.DowngradeAsync(target, cancellationToken).ConfigureAwait(false);
        var total = TimeSpan.FromTicks(result.Steps.Sum(s => s.Duration.Ticks));
        await context.Out.WriteLineAsync(result.Steps.Count == 0
            ? $"Nothing to do: the database is at {Versions(result.To)}."
            : $"Database is at {Versions(result.To)} ({result.Steps.Count} revision(s), {Milliseconds(total)}).").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    /// <summary>Writes the script of <paramref name="range"/> (<c>TO</c> or <c>FROM:TO</c>) without touching the database.</summary>
    public async Task<int> WriteScriptAsync(ParseResult parse, string range, MigrationDirection direction, CancellationToken cancellationToken)
    {
        var provider = context.CreateProvider(parse);
        var writer = new OfflineScriptWriter(context.LoadGraph(), provider.Dialect, context.MigratorOptions(parse), context.Settings.Time);
        var parts = range.Split(':');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0) && parts.Length == 2 && parts[1].Length == 0)
            throw new WaymarkUsageException($"The range '{range}' is malformed: write TO or FROM:TO.");
        string script;
        if (direction == MigrationDirection.Upgrade)
        {
            var from = parts.Length == 2 && parts[0].Length > 0 ? parts[0] : null;
            script = await writer.UpgradeAsync(from, parts[^1], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Offline, there is no version record to start from, so a downgrade must say where it starts.
            if (parts.Length != 2 || parts[0].Length == 0)
                throw new WaymarkUsageException(
                    $"An offline downgrade needs the starting revision: downgrade --sql FROM:TO (e.g. 019:017). Got '{range}'.");
            script = await writer.DowngradeAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false);
        }
        await context.Out.WriteAsync(script).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
