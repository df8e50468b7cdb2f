using System.CommandLine;

namespace Waymark.Cli.Verbs;

/// <summary><c>doctor</c>: where the schema really is in the chain, and whether the version record says so.</summary>
internal sealed class DoctorCommand(CommandContext context)
{
    private readonly Option<bool> _fix = new("--fix")
    {
        Description = "Apply the safe fixes: they only rewrite the version record (never tables or rows).",
    };
    private readonly Option<bool> _json = SharedOptions.Json();
    private readonly Option<string?> _devUrl = SharedOptions.DevUrl();

    public Command Create()
    {
        var command = new Command("doctor", "Find where the database really is in the chain, and whether its version record says so.");
        command.Options.Add(_fix);
        command.Options.Add(_json);
        command.Options.Add(_devUrl);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var doctor = context.CreateDoctor(parse, context.LoadGraph(), parse.GetValue(_devUrl));
        var report = parse.GetValue(_fix)
            ? await doctor.FixAsync(cancellationToken).ConfigureAwait(false)
            : await doctor.ExamineAsync(cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(_json))
            await context.WriteJsonAsync(json => DoctorReportJson.Write(json, report)).ConfigureAwait(false);
        else
            await context.Out.WriteAsync(DoctorReportText.Format(report)).ConfigureAwait(false);
        return report.IsHealthy ? ExitCodes.Success : ExitCodes.Failure;
    }
}
