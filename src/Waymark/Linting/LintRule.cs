using Waymark.Diagnosis;

namespace Waymark.Linting;

/// <summary>One thing <c>db lint</c> looks for.</summary>
/// <param name="Id">A stable identifier (<c>WM101</c>), for suppressions and documentation.</param>
/// <param name="Severity">How much a finding matters; errors fail <c>db lint</c> (exit 1).</param>
/// <param name="Title">What it detects, in a line.</param>
/// <param name="Rewrite">The safe way to write it, in Waymark's operations.</param>
/// <param name="Work">What the statement does for as long as the table is big, for the estimate.</param>
public sealed record LintRule(string Id, FindingSeverity Severity, string Title, string Rewrite, LockedWork Work);
