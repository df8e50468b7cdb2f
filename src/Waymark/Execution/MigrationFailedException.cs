using Waymark.Planning;

namespace Waymark.Execution;

/// <summary>A statement of a migration failed. Names the revision, its file, the statement and the database's error.</summary>
public sealed class MigrationFailedException(
    MigrationStep step, string? statement, bool rolledBack, Exception innerException, IReadOnlyList<string>? leftApplied = null)
    : WaymarkException(BuildMessage(step, statement, rolledBack, innerException, leftApplied ?? []), innerException)
{
    /// <summary>The revision whose migration failed.</summary>
    public string RevisionId { get; } = step.Revision.Id;

    /// <summary>The file that declares it.</summary>
    public string SourceFile { get; } = step.Revision.SourceFile;

    /// <summary>The statement that failed, if a statement did.</summary>
    public string? Statement { get; } = statement;

    /// <summary>Whether everything the migration did was rolled back.</summary>
    public bool RolledBack { get; } = rolledBack;

    /// <summary>The lock timeout the migration's statements ran with (zero: none), for a retry's report.</summary>
    internal TimeSpan LockTimeout { get; init; }

    /// <summary>The statements of a non-transactional migration that completed before the failure and stay applied.</summary>
    public IReadOnlyList<string> LeftApplied { get; } = leftApplied ?? [];

    private static string BuildMessage(MigrationStep step, string? statement, bool rolledBack, Exception inner, IReadOnlyList<string> leftApplied)
    {
        var direction = step.Direction == MigrationDirection.Upgrade ? "Upgrade to" : "Downgrade of";
        var sqlState = inner is System.Data.Common.DbException { SqlState: { Length: > 0 } state } ? $" [SQLSTATE {state}]" : "";
        var where = statement is null ? "" : $"\n  statement: {statement}";
        var outcome = rolledBack
            ? $"Everything it did was rolled back; the database is still at {Describe(step.VersionsBefore)}."
            : $"It is not transactional, " +
                $"so what ran before the failure stays applied and the version record still says {Describe(step.VersionsBefore)}. " +
              (leftApplied.Count == 0
                  ? "The failing statement was its first, so nothing of it is left behind."
                  : $"Left behind ({leftApplied.Count} statement(s)):\n    " + string.Join(
                      ";\n    ", leftApplied) + ";\nUndo or complete these by hand, then run the command again.");
        return $"{direction} revision {step.Revision.Id} ({step.Revision.FileName}) failed: {inner.Message}{sqlState}{where}\n  file: " +
            $"{step.Revision.SourceFile}\n{outcome}"
            + (step.Direction == MigrationDirection.Upgrade && AlreadyExists(inner)
                ? $"\nHint: the schema already has what revision {step.Revision.Id} creates, " +
                    $"so the version record ({Describe(step.VersionsBefore)}) is probably behind the schema. " +
                  $"If the schema matches revision {step.Revision.Id}, record it without running it: db stamp {step.Revision.Id}; then upgrade again."
                : "");
    }

    // 42P07 duplicate table, 42701 duplicate column, 42710 duplicate object; SQLite says it in words.
    private static bool AlreadyExists(Exception inner) =>
        inner is System.Data.Common.DbException { SqlState: "42P07" or "42701" or "42710" }
        || inner.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase)
        || inner.Message.Contains("duplicate column name", StringComparison.OrdinalIgnoreCase);

    private static string Describe(IReadOnlyList<string> versions) => versions.Count == 0 ? "base" : string.Join(", ", versions);
}
