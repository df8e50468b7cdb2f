using System.CommandLine;
using System.Text;
using Waymark.Diagnosis;

namespace Waymark.Cli;

public sealed partial class DatabaseCommandSet
{
    private readonly Option<string?> _devUrl = new("--dev-url")
    {
        Description = "An empty database of the same kind to replay the chain in, when this user may not create a scratch database.",
    };

    private Command DoctorCommand()
    {
        var fix = new Option<bool>("--fix") { Description = "Apply the safe fixes: they only rewrite the version record (never tables or rows)." };
        var command = new Command("doctor", "Find where the database really is in the chain, and whether its version record says so.");
        command.Options.Add(fix);
        command.Options.Add(_json);
        command.Options.Add(_devUrl);
        return Define(command, async (parse, cancellationToken) =>
        {
            var doctor = CreateDoctor(parse);
            var report = parse.GetValue(fix)
                ? await doctor.FixAsync(cancellationToken).ConfigureAwait(false)
                : await doctor.ExamineAsync(cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(_json))
                await WriteReportJsonAsync(report).ConfigureAwait(false);
            else
                await Out.WriteAsync(ReportText(report)).ConfigureAwait(false);
            return report.IsHealthy ? ExitCodes.Success : ExitCodes.Failure;
        });
    }

    private Command CheckCommand()
    {
        var command = new Command("check", "For CI and deploys: exit 1 unless the database is at head and the doctor finds nothing; one line per reason.");
        command.Options.Add(_devUrl);
        return Define(command, async (parse, cancellationToken) =>
        {
            var graph = _settings.LoadGraph();
            var report = await CreateDoctor(parse).ExamineAsync(cancellationToken).ConfigureAwait(false);
            var reasons = report.Findings.Where(f => f.Severity != FindingSeverity.Info).Select(f => $"{f.Code}: {FirstSentence(f.Message)}").ToList();
            if (report.Match is { } match && !match.Versions.ToHashSet().SetEquals(graph.Heads))
                reasons.Add($"not-at-head: the database is at {match.Label}, the scripts' head is {string.Join(", ", graph.Heads)}");
            foreach (var reason in reasons)
                await Out.WriteLineAsync(reason).ConfigureAwait(false);
            if (reasons.Count == 0)
                await Out.WriteLineAsync($"ok: at head ({string.Join(", ", graph.Heads)}), and the schema is what the migrations make").ConfigureAwait(false);
            return reasons.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
    }

    private Doctor CreateDoctor(ParseResult parse) =>
        new(_settings.LoadGraph(), _settings.Providers.Create(DatabaseUrl(parse)), MigratorOptions(parse), _settings.LoggerFactory.CreateLogger("Waymark.Doctor"), _settings.Time)
        {
            DevDatabase = parse.GetValue(_devUrl) is { } dev ? _settings.Providers.Create(dev) : null,
        };

    private static string FirstSentence(string text)
    {
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text : text[..(end + 1)];
    }

    private static string ReportText(DoctorReport report)
    {
        var text = new StringBuilder();
        text.Append("Database:  ").AppendLine(report.Database);
        text.Append("Recorded:  ").AppendLine(report.Recorded is null ? "nothing (no version table)" : report.Recorded.Count == 0 ? "nothing (no rows)" : string.Join(", ", report.Recorded));
        text.Append("Schema:    ").AppendLine(report.Match is { } match
            ? $"{match.Label} ({(report.MatchLevel == MatchLevel.Exact ? "exact match" : "equivalent match")})"
            : $"matches no revision; nearest is {report.Nearest?.Label}");
        text.AppendLine();
        if (report.Findings.Count == 0)
            text.AppendLine("No findings: the version record says where the schema is.");
        foreach (var finding in report.Findings)
        {
            text.Append(finding.Severity.ToString().ToLowerInvariant().PadRight(9)).AppendLine(finding.Code);
            text.Append("         ").AppendLine(finding.Message);
            if (finding.Fix is not null)
                text.Append("         fix: ").Append(finding.Fix).AppendLine(finding.IsSafeFix ? "   (safe: only the version record; --fix applies it)" : "");
        }
        text.AppendLine().Append("Next: ").AppendLine(report.Next);
        return text.ToString();
    }

    private Task WriteReportJsonAsync(DoctorReport report) => WriteJsonAsync(json =>
    {
        json.WriteStartObject();
        json.WriteString("database", report.Database);
        if (report.Recorded is null)
            json.WriteNull("recorded");
        else
        {
            json.WriteStartArray("recorded");
            foreach (var row in report.Recorded) json.WriteStringValue(row);
            json.WriteEndArray();
        }
        json.WriteStartObject("schema");
        json.WriteString("level", report.MatchLevel.ToString().ToLowerInvariant());
        json.WriteStartArray(report.Match is null ? "nearest" : "matches");
        foreach (var version in (report.Match ?? report.Nearest)?.Versions ?? []) json.WriteStringValue(version);
        json.WriteEndArray();
        json.WriteStartArray("differences");
        foreach (var difference in report.Differences)
        {
            json.WriteStartObject();
            json.WriteString("description", difference.Description);
            json.WriteBoolean("minor", difference.IsMinor);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("code", finding.Code);
            json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
            json.WriteString("message", finding.Message);
            if (finding.Fix is null) json.WriteNull("fix"); else json.WriteString("fix", finding.Fix);
            json.WriteBoolean("safeFix", finding.IsSafeFix);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteBoolean("healthy", report.IsHealthy);
        json.WriteString("next", report.Next);
        json.WriteEndObject();
    });
}
