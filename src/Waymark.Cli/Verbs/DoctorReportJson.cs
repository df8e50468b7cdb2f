using System.Text.Json;
using Waymark.Diagnosis;

namespace Waymark.Cli.Verbs;

/// <summary>The doctor's report as JSON for tools; scripts read these field names, so they stay as they are.</summary>
internal static class DoctorReportJson
{
    public static void Write(Utf8JsonWriter json, DoctorReport report, IReadOnlyList<string>? writtenScripts = null)
    {
        json.WriteStartObject();
        json.WriteString("database", report.Database);
        // null (no version table) and [] (a table without rows) are different diagnoses.
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
        if (report.PartiallyApplied is { } partial)
        {
            json.WriteStartObject("partiallyApplied");
            json.WriteString("revision", partial.Revision);
            json.WriteStartArray("statements");
            foreach (var check in partial.Operations)
            {
                json.WriteStartObject();
                json.WriteNumber("number", check.Number);
                json.WriteString("description", check.Description);
                json.WriteString("state", check.State switch
                {
                    OperationState.Present => "present",
                    OperationState.Missing => "missing",
                    _ => "cannot-be-verified",
                });
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("completeScript", partial.CompleteScript);
            if (partial.UndoScript is null) json.WriteNull("undoScript"); else json.WriteString("undoScript", partial.UndoScript);
            if (partial.UndoUnavailable is null) json.WriteNull("undoUnavailable"); else json.WriteString("undoUnavailable", partial.UndoUnavailable);
            json.WriteStartArray("written");
            foreach (var path in writtenScripts ?? []) json.WriteStringValue(path);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteBoolean("healthy", report.IsHealthy);
        json.WriteString("next", report.Next);
        json.WriteEndObject();
    }
}
