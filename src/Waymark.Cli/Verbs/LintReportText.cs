using System.Globalization;
using System.Text;
using Waymark.Diagnosis;
using Waymark.Linting;

namespace Waymark.Cli.Verbs;

/// <summary><c>db lint</c>'s report for people: a summary line, then each finding with its lock, its size and its rewrite.</summary>
internal static class LintReportText
{
    public static string Format(LintReport report)
    {
        var text = new StringBuilder();
        int Count(FindingSeverity severity) => report.Findings.Count(f => f.Severity == severity);
        text.Append(CultureInfo.InvariantCulture, $"Linted {report.Revisions.Count} revision(s)")
            .Append(report.Revisions.Count == 0 ? "" : $" ({string.Join(", ", report.Revisions)})")
            .Append(CultureInfo.InvariantCulture, $" for {report.Database}: {Count(FindingSeverity.Error)} error(s), ")
            .Append(CultureInfo.InvariantCulture, $"{Count(FindingSeverity.Warning)} warning(s), {Count(FindingSeverity.Info)} info.\n");
        foreach (var finding in report.Findings)
        {
            text.Append('\n').Append(finding.Severity.ToString().ToLowerInvariant()).Append(' ').Append(finding.Rule.Id).Append(' ')
                .Append(finding.Revision);
            if (finding.Statement is { } number)
                text.Append(CultureInfo.InvariantCulture, $" statement {number}");
            text.Append(": ").Append(finding.Message).Append('\n');
            if (finding.Sql is { } sql)
                text.Append("  sql:     ").Append(sql.ReplaceLineEndings(" ")).Append('\n');
            if (finding.Lock is { } held)
                text.Append(CultureInfo.InvariantCulture,
                    $"  locks:   {held.Mode} on {held.Table} ({held.Blocks}) until {finding.Revision} commits\n");
            if (finding.Table is { } table)
                text.Append("  live:    ").Append(Live(table, finding)).Append('\n');
            text.Append("  rewrite: ").Append(finding.Rewrite).Append('\n');
        }
        if (report.Findings.Count == 0)
            text.Append(report.Revisions.Count == 0 ? "Nothing to lint: the database is at head.\n" : "No dangerous statement found.\n");
        return text.ToString();
    }

    private static string Live(string table, LintFinding finding)
    {
        if (finding.Size is not { } size)
            return $"{table} is not in the live database";
        var text = string.Create(CultureInfo.InvariantCulture, $"{table}: {size.Rows:N0} row(s)");
        if (size.Bytes is { } bytes)
            text += string.Create(CultureInfo.InvariantCulture, $", {bytes / 1048576.0:0.#} MB");
        if (finding.Estimate is { TotalMilliseconds: >= 1 } estimate)
            text += $"; about {Duration(estimate)} under the lock at this size (a rough rate, not a measurement)";
        return text;
    }

    private static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms"),
        < 120 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0} min"),
    };
}
