using Waymark.Planning;

namespace Waymark.Execution;

/// <summary>
/// A migration kept timing out waiting for a table or row lock (SQLSTATE 55P03) and ran out of retries. Every
/// attempt was rolled back: the schema and the version record are as they were before it.
/// </summary>
public sealed class StatementLockTimeoutException(
    MigrationStep step, int attempts, TimeSpan lockTimeout, IReadOnlyList<LockHolder> holders, Exception innerException)
    : WaymarkException(BuildMessage(step, attempts, lockTimeout, holders), innerException)
{
    /// <summary>The revision whose migration could not take its locks.</summary>
    public string RevisionId { get; } = step.Revision.Id;

    /// <summary>How many times it was tried.</summary>
    public int Attempts { get; } = attempts;

    /// <summary>The sessions that held locks on its tables after the last attempt.</summary>
    public IReadOnlyList<LockHolder> Holders { get; } = holders;

    private static string BuildMessage(MigrationStep step, int attempts, TimeSpan lockTimeout, IReadOnlyList<LockHolder> holders)
    {
        var direction = step.Direction == MigrationDirection.Upgrade ? "Upgrade to" : "Downgrade of";
        var before = step.VersionsBefore.Count == 0 ? "base" : string.Join(", ", step.VersionsBefore);
        return $"{direction} revision {step.Revision.Id} ({step.Revision.FileName}) could not take its locks: {attempts} attempt(s) each waited " +
            $"{lockTimeout.TotalSeconds:0.###} s for a lock (lock_timeout, SQLSTATE 55P03), blocked by {StatementLockWait.Describe(holders)}.\n" +
            $"Every attempt was rolled back; the database is still at {before}. Run it again once the blocking session is done, " +
            "or allow more with --statement-lock-timeout SECONDS and --lock-retries N.";
    }
}
