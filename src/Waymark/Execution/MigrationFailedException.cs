using Waymark.Planning;

namespace Waymark.Execution;

/// <summary>A statement of a migration failed. Names the revision, its file, the statement and the database's error.</summary>
public sealed class MigrationFailedException(MigrationStep step, string? statement, bool rolledBack, Exception innerException)
    : WaymarkException(BuildMessage(step, statement, rolledBack, innerException), innerException)
{
    /// <summary>The revision whose migration failed.</summary>
    public string RevisionId { get; } = step.Revision.Id;

    /// <summary>The file that declares it.</summary>
    public string SourceFile { get; } = step.Revision.SourceFile;

    /// <summary>The statement that failed, if a statement did.</summary>
    public string? Statement { get; } = statement;

    /// <summary>Whether everything the migration did was rolled back.</summary>
    public bool RolledBack { get; } = rolledBack;

    private static string BuildMessage(MigrationStep step, string? statement, bool rolledBack, Exception inner)
    {
        var direction = step.Direction == MigrationDirection.Upgrade ? "Upgrade to" : "Downgrade of";
        var sqlState = inner is System.Data.Common.DbException { SqlState: { Length: > 0 } state } ? $" [SQLSTATE {state}]" : "";
        var where = statement is null ? "" : $"\n  statement: {statement}";
        var outcome = rolledBack
            ? $"Everything it did was rolled back; the database is still at {Describe(step.VersionsBefore)}."
            : $"It is not transactional: the statements before the failing one stay applied, and the version record still says {Describe(step.VersionsBefore)}. Repair by hand, then run the command again.";
        return $"{direction} revision {step.Revision.Id} ({step.Revision.FileName}) failed: {inner.Message}{sqlState}{where}\n  file: {step.Revision.SourceFile}\n{outcome}";
    }

    private static string Describe(IReadOnlyList<string> versions) => versions.Count == 0 ? "base" : string.Join(", ", versions);
}
