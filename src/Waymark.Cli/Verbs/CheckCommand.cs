using System.CommandLine;
using Waymark.Diagnosis;
using Waymark.Revisions;

namespace Waymark.Cli.Verbs;

/// <summary>
/// <c>check</c>: the doctor's verdict plus "at head", as one exit code and one line per reason, for scripts that
/// gate a deploy on it.
/// </summary>
internal sealed class CheckCommand(CommandContext context)
{
    private readonly Option<string?> _devUrl = SharedOptions.DevUrl();

    private readonly Option<bool> _replay = new("--replay")
    {
        Description = "Prove the chain instead of the database: every revision up, down and up again, and branches in each order, " +
            "in scratch databases made where the database is (the database itself is not read).",
    };

    public Command Create()
    {
        var command = new Command(
            "check",
            "For CI and deploys: exit 1 unless the database is at head and the doctor finds nothing; one line per reason.");
        command.Options.Add(_devUrl);
        command.Options.Add(_replay);
        return context.Define(command, RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var graph = context.LoadGraph();
        if (parse.GetValue(_replay))
            return await ReplayAsync(parse, graph, cancellationToken).ConfigureAwait(false);
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

    /// <summary><c>--replay</c>: one line per failed proof, naming the revision and the objects; exit 1 if there is any.</summary>
    private async Task<int> ReplayAsync(ParseResult parse, RevisionGraph graph, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_devUrl) is not null)
            throw new WaymarkUsageException(
                "--replay makes a scratch database for each proof (one per order of the branches), so it cannot use one --dev-url database. " +
                "Give it a database URL of a server (or SQLite file) where scratch databases may be made.");
        var report = await new ReplayProof(graph, context.CreateProvider(parse), context.MigratorOptions(parse))
            .RunAsync(cancellationToken).ConfigureAwait(false);
        foreach (var finding in report.Findings)
            await context.Out.WriteLineAsync($"{finding.Code}: {finding.Message}").ConfigureAwait(false);
        if (report.IsProven)
            await context.Out.WriteLineAsync(
                $"ok: {report.Revisions} revision(s) upgraded, downgraded and upgraded again with the same schemas" +
                (report.Orders > 0 ? $", and the branches applied in {report.Orders} order(s) with one schema" : "")).ConfigureAwait(false);
        return report.IsProven ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>One line per reason: the finding's first sentence says what; the rest is for <c>doctor</c>.</summary>
    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }
}
