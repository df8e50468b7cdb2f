using System.CommandLine;
using Waymark.Linting;

namespace Waymark.Cli.Verbs;

/// <summary>
/// <c>lint</c>: replays the pending revisions (or a range) on a scratch database, reads what each statement really locked,
/// rewrote or left unvalidated, ranks it by the live table's size, and exits 1 when a finding is an error: for CI before a deploy.
/// </summary>
internal sealed class LintCommand(CommandContext context)
{
    private readonly Argument<string?> _range = new("range")
    {
        Description = "The revisions to lint: TO, FROM:TO (017:019, base:head), FROM: or :TO. Default: those the database has not applied.",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<bool> _json = SharedOptions.Json();
    private readonly Option<string?> _devUrl = SharedOptions.DevUrl();

    public Command Create()
    {
        var command = new Command("lint",
            "For CI before a deploy: replay the pending revisions on a scratch database and report what each statement would lock or " +
            "rewrite at the live tables' sizes; exit 1 on an error.");
        command.Arguments.Add(_range);
        command.Options.Add(_json);
        command.Options.Add(_devUrl);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var devUrl = parse.GetValue(_devUrl);
        var linter = new Linter(context.LoadGraph(), context.CreateProvider(parse), context.MigratorOptions(parse))
        {
            DevDatabase = devUrl is null ? null : context.Settings.Providers.Create(devUrl),
        };
        var report = await linter.LintAsync(parse.GetValue(_range), cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(_json))
            await context.WriteJsonAsync(json => LintReportJson.Write(json, report)).ConfigureAwait(false);
        else
            await context.Out.WriteAsync(LintReportText.Format(report)).ConfigureAwait(false);
        return report.HasErrors ? ExitCodes.Failure : ExitCodes.Success;
    }
}
