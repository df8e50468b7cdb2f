using System.Text;
using Waymark.Diagnosis;

namespace Waymark.Cli.Verbs;

/// <summary>The doctor's report as text for a person: where the database is, each finding with its fix, and what to do next.</summary>
internal static class DoctorReportText
{
    public static string Format(DoctorReport report, IReadOnlyList<string>? writtenScripts = null)
    {
        var text = new StringBuilder();
        text.Append("Database:  ").AppendLine(report.Database);
        text.Append("Recorded:  ").AppendLine(report.Recorded is null ? "nothing (no version table)"
            : report.Recorded.Count == 0 ? "nothing (no rows)"
            : string.Join(", ", report.Recorded));
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
                text.Append("         fix: ").Append(finding.Fix)
                    .AppendLine(finding.IsSafeFix ? "   (safe: only the version record; --fix applies it)" : "");
        }
        if (report.PartiallyApplied is { } partial)
        {
            text.AppendLine().Append("Revision ").Append(partial.Revision).AppendLine(", statement by statement:");
            foreach (var check in partial.Operations)
                text.Append("  ").Append(StateLabel(check.State).PadRight(20)).AppendLine(check.ToString());
            foreach (var path in writtenScripts ?? [])
                text.Append("Wrote ").AppendLine(path);
        }
        text.AppendLine().Append("Next: ").AppendLine(report.Next);
        return text.ToString();
    }

    private static string StateLabel(OperationState state) => state switch
    {
        OperationState.Present => "present",
        OperationState.Missing => "missing",
        _ => "cannot be verified",
    };
}
