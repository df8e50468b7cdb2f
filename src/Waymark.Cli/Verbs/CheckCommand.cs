using System.CommandLine;
using Waymark.Diagnosis;

namespace Waymark.Cli.Verbs;

/// <summary>
/// <c>check</c>: the doctor's verdict plus "at head", as one exit code and one line per reason, for scripts that
/// gate a deploy on it.
/// </summary>
internal sealed class CheckCommand(CommandContext context)
{
    private readonly Option<string?> _devUrl = SharedOptions.DevUrl();

    public Command Create()
    {
        var command = new Command(
            "check",
            "For CI and deploys: exit 1 unless the database is at head and the doctor finds nothing; one line per reason.");
        command.Options.Add(_devUrl);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var graph = context.LoadGraph();
        var report = await context.CreateDoctor(parse, graph, parse.GetValue(_devUrl)).ExamineAsync(cancellationToken).ConfigureAwait(false);
        var reasons = report.Findings
            .Where(f => f.Severity != FindingSeverity.Info)
            .Select(f => $"{f.Code}: {FirstSentence(f.Message)}")
            .ToList();
        if (report.Match is { } match && !match.Versions.ToHashSet().SetEquals(graph.Heads))
            reasons.Add($"not-at-head: the database is at {match.Label}, the scripts' head is {string.Join(", ", graph.Heads)}");
        foreach (var reason in reasons)
            await context.Out.WriteLineAsync(reason).ConfigureAwait(false);
        if (reasons.Count == 0)
            await context.Out.WriteLineAsync(
                $"ok: at head ({string.Join(", ", graph.Heads)}), and the schema is what the migrations make").ConfigureAwait(false);
        return reasons.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>One line per reason: the finding's first sentence says what; the rest is for <c>doctor</c>.</summary>
    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }
}
