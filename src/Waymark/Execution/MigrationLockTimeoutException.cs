namespace Waymark.Execution;

/// <summary>Another run held the migration lock for longer than the lock timeout.</summary>
public sealed class MigrationLockTimeoutException(string lockName, TimeSpan timeout, Exception? innerException = null)
    : WaymarkException($"Another migration run holds the lock {lockName}; gave up after waiting {timeout.TotalSeconds:0.#} s. " +
        $"Wait for it to finish (or raise --lock-timeout) and run the command again.", innerException)
{
    /// <summary>The lock waited for.</summary>
    public string LockName { get; } = lockName;
}
