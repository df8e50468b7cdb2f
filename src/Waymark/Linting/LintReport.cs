using Waymark.Diagnosis;

namespace Waymark.Linting;

/// <summary>What <c>db lint</c> found in a range of revisions.</summary>
/// <param name="Database">The live database (fit to print).</param>
/// <param name="Dialect">Its dialect.</param>
/// <param name="Revisions">The revisions linted, in the order they run.</param>
/// <param name="Findings">The findings, most severe first, then by the live table's size.</param>
public sealed record LintReport(string Database, string Dialect, IReadOnlyList<string> Revisions, IReadOnlyList<LintFinding> Findings)
{
    /// <summary>Whether a finding is at error level (<c>db lint</c> exits 1).</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == FindingSeverity.Error);
}
