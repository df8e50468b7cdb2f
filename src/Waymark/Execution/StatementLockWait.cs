namespace Waymark.Execution;

/// <summary>
/// A migration timed out waiting for a lock (SQLSTATE 55P03), was rolled back, and is tried again after
/// <see cref="Delay"/>: what <see cref="Migrator.StatementLockWaiting"/> is told.
/// </summary>
/// <param name="Revision">The revision being applied or undone.</param>
/// <param name="Attempt">The attempt that timed out (1 for the first).</param>
/// <param name="Retries">How many retries the run allows in all.</param>
/// <param name="LockTimeout">How long each statement waited for its lock.</param>
/// <param name="Delay">The pause before the next attempt.</param>
/// <param name="Holders">The sessions holding locks on the tables the migration changes.</param>
public sealed record StatementLockWait(
    string Revision, int Attempt, int Retries, TimeSpan LockTimeout, TimeSpan Delay, IReadOnlyList<LockHolder> Holders)
{
    /// <summary>Who blocked the migration, fit to print.</summary>
    public string DescribeHolders() => Describe(Holders);

    /// <inheritdoc />
    public override string ToString() =>
        $"revision {Revision} waited {LockTimeout.TotalSeconds:0.###} s for a lock (attempt {Attempt} of {Retries + 1}), " +
        $"blocked by {DescribeHolders()}; " +
        $"rolled back, retrying in {Delay.TotalSeconds:0.###} s";

    internal static string Describe(IReadOnlyList<LockHolder> holders) =>
        holders.Count == 0 ? "a session that has since let go (none holds a lock on its tables now)" : string.Join("; ", holders);
}
