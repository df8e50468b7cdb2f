namespace Waymark.Diagnosis;

/// <summary>How the live schema compares with one revision's schema (tables no revision creates left out).</summary>
/// <param name="Level">Exact, equivalent, or no match.</param>
/// <param name="Differences">Every difference found.</param>
public sealed record SchemaComparison(MatchLevel Level, IReadOnlyList<SchemaDifference> Differences);
