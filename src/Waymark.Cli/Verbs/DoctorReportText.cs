using System.Text;
using Waymark.Diagnosis;

namespace Waymark.Cli.Verbs;

/// <summary>The doctor's report as text for a person: where the database is, each finding with its fix, and what to do next.</summary>
internal static class DoctorReportText
{
    public static string Format(DoctorReport report)
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
        text.AppendLine().Append("Next: ").AppendLine(report.Next);
        return text.ToString();
    }
}
