using Waymark.Diagnosis;

namespace Waymark.Linting;

/// <summary>One dangerous statement, as the replay saw it.</summary>
/// <param name="Rule">The rule it breaks.</param>
/// <param name="Severity">Its severity: the rule's, or info when its table is new in this deploy (nothing else can be waiting on it).</param>
/// <param name="Revision">The revision.</param>
/// <param name="Statement">The statement's place among the revision's statements, from 1 (null for the whole migration).</param>
/// <param name="Sql">The statement (null for the whole migration).</param>
/// <param name="Table">The table it concerns, or null.</param>
/// <param name="Message">What happened, with names.</param>
/// <param name="Rewrite">The safe way to write it, with names.</param>
public sealed record LintFinding(
    LintRule Rule, FindingSeverity Severity, string Revision, int? Statement, string? Sql, string? Table, string Message, string Rewrite)
{
    /// <summary>The strongest table lock the session held after the statement (held until the revision commits), or null.</summary>
    public SessionLock? Lock { get; init; }

    /// <summary>The live table's size, or null when the live database has no such table.</summary>
    public TableSize? Size { get; init; }

    /// <summary>How long the statement's work under its lock would last at the live table's size, roughly; null when it does not grow.</summary>
    public TimeSpan? Estimate { get; init; }

    /// <summary>Rows of the live database the change breaks (<see cref="LintRules.BreaksLiveRows"/>), else null.</summary>
    public long? BrokenRows { get; init; }
}
