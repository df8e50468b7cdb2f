namespace Waymark.Diagnosis;

/// <summary>What the doctor found: the version record, where the schema really is, every finding, and what to run next.</summary>
/// <param name="Database">The database, as displayed (no password).</param>
/// <param name="Recorded">The version rows (empty: none); null when there is no version table.</param>
/// <param name="Match">The revision the schema matches, or null when it matches none.</param>
/// <param name="MatchLevel">How closely it matches (<see cref="Diagnosis.MatchLevel.None"/> without a match).</param>
/// <param name="Nearest">Without a match: the closest revision's schema and the differences from it.</param>
/// <param name="Differences">The differences from the matched (or nearest) revision's schema.</param>
/// <param name="Findings">Everything found, errors first.</param>
/// <param name="Next">What to run next, in a sentence.</param>
public sealed record DoctorReport(
    string Database,
    IReadOnlyList<string>? Recorded,
    RevisionSchema? Match,
    MatchLevel MatchLevel,
    RevisionSchema? Nearest,
    IReadOnlyList<SchemaDifference> Differences,
    IReadOnlyList<Finding> Findings,
    string Next)
{
    /// <summary>The revision applied in part, with what of it is there and the scripts that end that state; null when none is.</summary>
    public PartialRevision? PartiallyApplied { get; init; }

    /// <summary>Whether nothing needs doing: no errors or warnings (notes are fine).</summary>
    public bool IsHealthy => Findings.All(f => f.Severity == FindingSeverity.Info);
}
