using Waymark.Planning;

namespace Waymark.Execution;

/// <summary>One row of the audit history: an upgrade, downgrade or stamp.</summary>
/// <param name="Revision">The revision applied, undone or stamped (null for a stamp to base).</param>
/// <param name="Direction"><c>upgrade</c>, <c>downgrade</c> or <c>stamp</c>.</param>
/// <param name="FromVersions">The version rows before, comma-separated.</param>
/// <param name="Checksum">SHA-256 of the SQL as applied (null for a stamp).</param>
/// <param name="StartedAt">When it started (UTC).</param>
/// <param name="DurationMs">How long it took.</param>
/// <param name="AppliedBy">Who ran it (user@host).</param>
/// <param name="ToolVersion">The tool that ran it.</param>
/// <param name="OperationsChecksum">SHA-256 of the migration's operations as data, whatever SQL they made (null for a stamp).</param>
/// <param name="WaymarkVersion">The Waymark engine that wrote the SQL and its checksum (null for a stamp).</param>
public sealed record HistoryEntry(string? Revision, string Direction, string FromVersions, string? Checksum, DateTimeOffset StartedAt,
    long DurationMs, string AppliedBy, string ToolVersion, string? OperationsChecksum = null, string? WaymarkVersion = null)
{
    /// <summary>The direction word recorded for a step.</summary>
    public static string DirectionOf(MigrationDirection direction) => direction == MigrationDirection.Upgrade ? "upgrade" : "downgrade";
}
