namespace Waymark.Planning;

/// <summary>The steps that take the database from one set of version rows to another, in the order to run them.</summary>
public sealed record MigrationPlan(IReadOnlyList<string> From, IReadOnlyList<string> To, IReadOnlyList<MigrationStep> Steps)
{
    /// <summary>Whether there is nothing to do.</summary>
    public bool IsEmpty => Steps.Count == 0;
}
