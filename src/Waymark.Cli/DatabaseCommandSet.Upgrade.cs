using System.CommandLine;
using Waymark.Execution;
using Waymark.Planning;

namespace Waymark.Cli;

public sealed partial class DatabaseCommandSet
{
    private Command UpgradeCommand()
    {
        var target = new Argument<string>("target") { Description = "Where to go: head (default), heads, an id or prefix, +N, REV+N. With --sql: [FROM:]TO.", DefaultValueFactory = _ => "head" };
        var command = new Command("upgrade", "Apply the revisions up to TARGET, each in its own transaction.");
        command.Arguments.Add(target);
        command.Options.Add(_sql);
        return Define(command, (parse, cancellationToken) =>
            parse.GetValue(_sql)
                ? WriteScriptAsync(parse, parse.GetValue(target)!, MigrationDirection.Upgrade, cancellationToken)
                : MoveAsync(parse, parse.GetValue(target)!, MigrationDirection.Upgrade, cancellationToken));
    }

    private Command DowngradeCommand()
    {
        var target = new Argument<string>("target") { Description = "Where to go: -1, -N, base, an id or prefix, REV-N. With --sql: FROM:TO.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("downgrade", "Undo the revisions above TARGET, newest first.");
        command.Arguments.Add(target);
        command.Options.Add(_sql);
        return Define(command, (parse, cancellationToken) =>
        {
            var given = parse.GetValue(target)
                ?? throw new WaymarkUsageException("downgrade needs a target: -1 (one step), base (everything), or a revision id. Nothing was changed.");
            return parse.GetValue(_sql)
                ? WriteScriptAsync(parse, given, MigrationDirection.Downgrade, cancellationToken)
                : MoveAsync(parse, given, MigrationDirection.Downgrade, cancellationToken);
        });
    }

    private async Task<int> MoveAsync(ParseResult parse, string target, MigrationDirection direction, CancellationToken cancellationToken)
    {
        var migrator = CreateMigrator(parse, _settings.LoadGraph());
        var verb = direction == MigrationDirection.Upgrade ? "Upgraded" : "Downgraded";
        migrator.LockWaiting = holder => _settings.Error.WriteLine($"Waiting for the migration lock (up to {migrator.LockTimeout.TotalSeconds:0} s): {holder}");
        migrator.StepCompleted = step =>
            Out.WriteLine($"{verb} {Versions(step.Step.VersionsBefore)} -> {Versions(step.Step.VersionsAfter)}: {step.Step.Revision.Message} ({Milliseconds(step.Duration)})");
        var result = direction == MigrationDirection.Upgrade
            ? await migrator.UpgradeAsync(target, cancellationToken).ConfigureAwait(false)
            : await migrator.DowngradeAsync(target, cancellationToken).ConfigureAwait(false);
        await Out.WriteLineAsync(result.Steps.Count == 0
            ? $"Nothing to do: the database is at {Versions(result.To)}."
            : $"Database is at {Versions(result.To)} ({result.Steps.Count} revision(s), {Milliseconds(TimeSpan.FromTicks(result.Steps.Sum(s => s.Duration.Ticks)))}).").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private async Task<int> WriteScriptAsync(ParseResult parse, string range, MigrationDirection direction, CancellationToken cancellationToken)
    {
        var provider = _settings.Providers.Create(DatabaseUrl(parse));
        var writer = new OfflineScriptWriter(_settings.LoadGraph(), provider.Dialect, MigratorOptions(parse), _settings.Time);
        var parts = range.Split(':');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0) && parts.Length == 2 && parts[1].Length == 0)
            throw new WaymarkUsageException($"The range '{range}' is malformed: write TO or FROM:TO.");
        string script;
        if (direction == MigrationDirection.Upgrade)
        {
            script = await writer.UpgradeAsync(parts.Length == 2 && parts[0].Length > 0 ? parts[0] : null, parts[^1], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (parts.Length != 2 || parts[0].Length == 0)
                throw new WaymarkUsageException($"An offline downgrade needs the starting revision: downgrade --sql FROM:TO (e.g. 019:017). Got '{range}'.");
            script = await writer.DowngradeAsync(parts[0], parts[1], cancellationToken).ConfigureAwait(false);
        }
        await Out.WriteAsync(script).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
