using Waymark.Revisions;

namespace Waymark.Planning;

/// <summary>One revision applied or undone, with the version rows before and after it.</summary>
public sealed record MigrationStep(Revision Revision, MigrationDirection Direction, IReadOnlyList<string> VersionsBefore, IReadOnlyList<string> VersionsAfter);
