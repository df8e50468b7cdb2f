using System.CommandLine;

namespace Waymark.Cli.Verbs;

/// <summary><c>doctor</c>: where the schema really is in the chain, and whether the version record says so.</summary>
internal sealed class DoctorCommand(CommandContext context)
{
    private readonly Option<bool> _fix = new("--fix")
    {
        Description = "Apply the safe fixes: they only rewrite the version record (never tables or rows).",
    };
    private readonly Option<string?> _scripts = new("--scripts")
    {
        Description = "For a revision applied in part: " +
            "write the script that completes it and the one that undoes its applied part into this directory (never run).",
    };
    private readonly Option<bool> _json = SharedOptions.Json();
    private readonly Option<string?> _devUrl = SharedOptions.DevUrl();

    public Command Create()
    {
        var command = new Command("doctor", "Find where the database really is in the chain, and whether its version record says so.");
        command.Options.Add(_fix);
        command.Options.Add(_scripts);
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
        var written = parse.GetValue(_scripts) is { } directory && report.PartiallyApplied is { } partial
            ? await WriteScriptsAsync(directory, partial, cancellationToken).ConfigureAwait(false)
            : [];
        if (parse.GetValue(_json))
            await context.WriteJsonAsync(json => DoctorReportJson.Write(json, report, written)).ConfigureAwait(false);
        else
            await context.Out.WriteAsync(DoctorReportText.Format(report, written)).ConfigureAwait(false);
        return report.IsHealthy ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Writes REV-complete.sql and, where the applied part can be undone, REV-undo.sql; returns their paths.</summary>
    private static async Task<IReadOnlyList<string>> WriteScriptsAsync(
        string directory, Diagnosis.PartialRevision partial, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (kind, script) in new[] { ("complete", partial.CompleteScript), ("undo", partial.UndoScript) })
        {
            if (script is null)
                continue;
            var path = Path.Combine(directory, $"{partial.Revision}-{kind}.sql");
            await File.WriteAllTextAsync(path, script, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }
        return written;
    }
}
