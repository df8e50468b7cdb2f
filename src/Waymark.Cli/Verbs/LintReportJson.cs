using System.Text.Json;
using Waymark.Diagnosis;
using Waymark.Linting;

namespace Waymark.Cli.Verbs;

/// <summary><c>db lint --json</c>: one document for CI; tools read these field names, so they stay as they are.</summary>
internal static class LintReportJson
{
    public static void Write(Utf8JsonWriter json, LintReport report)
    {
        json.WriteStartObject();
        json.WriteString("database", report.Database);
        json.WriteString("dialect", report.Dialect);
        json.WriteStartArray("revisions");
        foreach (var revision in report.Revisions) json.WriteStringValue(revision);
        json.WriteEndArray();
        json.WriteStartObject("summary");
        foreach (var severity in new[] { FindingSeverity.Error, FindingSeverity.Warning, FindingSeverity.Info })
            json.WriteNumber(severity.ToString().ToLowerInvariant(), report.Findings.Count(f => f.Severity == severity));
        json.WriteEndObject();
        json.WriteStartArray("findings");
        foreach (var finding in report.Findings)
        {
            json.WriteStartObject();
            json.WriteString("rule", finding.Rule.Id);
            json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
            json.WriteString("title", finding.Rule.Title);
            json.WriteString("revision", finding.Revision);
            if (finding.Statement is { } statement) json.WriteNumber("statement", statement); else json.WriteNull("statement");
            if (finding.Sql is null) json.WriteNull("sql"); else json.WriteString("sql", finding.Sql);
            if (finding.Table is null) json.WriteNull("table"); else json.WriteString("table", finding.Table);
            json.WriteString("message", finding.Message);
            if (finding.Lock is { } held)
            {
                json.WriteStartObject("lock");
                json.WriteString("mode", held.Mode);
                json.WriteString("table", held.Table);
                json.WriteBoolean("blocksReads", held.BlocksReads);
                json.WriteBoolean("blocksWrites", held.BlocksWrites);
                json.WriteEndObject();
            }
            else
                json.WriteNull("lock");
            if (finding.Size is { } size)
            {
                json.WriteStartObject("live");
                json.WriteNumber("rows", size.Rows);
                if (size.Bytes is { } bytes) json.WriteNumber("bytes", bytes); else json.WriteNull("bytes");
                json.WriteEndObject();
            }
            else
                json.WriteNull("live");
            if (finding.Estimate is { } estimate) json.WriteNumber("estimatedSeconds", Math.Round(estimate.TotalSeconds, 3));
            else json.WriteNull("estimatedSeconds");
            if (finding.BrokenRows is { } broken) json.WriteNumber("brokenRows", broken); else json.WriteNull("brokenRows");
            json.WriteString("rewrite", finding.Rewrite);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteBoolean("clean", !report.HasErrors);
        json.WriteEndObject();
    }
}
