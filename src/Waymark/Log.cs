using Microsoft.Extensions.Logging;

namespace Waymark;

/// <summary>
/// Every log message of the engine, with stable event ids: 1000–1099, running migrations (steps, statements, stamps,
/// the migration lock, doctor). An application that writes Waymark's messages into its own log keeps out of this
/// range (TimeTracker's ranges are at the top of src/TimeTracker/Log.cs); no id is used twice.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Direction} {Revision}: {Message} ({File})")]
    public static partial void StepStarting(ILogger logger, string direction, string revision, string message, string file);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Direction} {Revision} done in {ElapsedMs} ms ({Statements} statements)")]
    public static partial void StepCompleted(ILogger logger, string direction, string revision, long elapsedMs, int statements);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "SQL ({ElapsedMs:0.###} ms): {Sql}")]
    public static partial void StatementExecuted(ILogger logger, double elapsedMs, string sql);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Stamped {Database} from [{From}] to [{To}]")]
    public static partial void Stamped(ILogger logger, string database, string from, string to);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Nothing to do: {Database} is already at [{Current}]")]
    public static partial void NothingToDo(ILogger logger, string database, string current);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "{Direction} {Revision} failed after statement: {Sql}")]
    public static partial void StepFailed(ILogger logger, Exception exception, string direction, string revision, string? sql);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Waiting for the migration lock on {Database}: {Holder}")]
    public static partial void WaitingForLock(ILogger logger, string database, string holder);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Doctor rewrote the version record of {Database} from [{From}] to [{To}]")]
    public static partial void DoctorStamped(ILogger logger, string database, string from, string to);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "{Direction} {Revision} timed out waiting {LockTimeoutMs} ms for a lock " +
        "(attempt {Attempt} of {Attempts}), blocked by {Holders}; rolled back, retrying in {DelayMs} ms")]
    public static partial void StatementLockRetry(
        ILogger logger, string direction, string revision, long lockTimeoutMs, int attempt, int attempts, string holders, long delayMs);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error,
        Message = "{Direction} {Revision} gave up after {Attempts} attempts that each timed out waiting for a lock, blocked by {Holders}")]
    public static partial void StatementLockGaveUp(ILogger logger, string direction, string revision, int attempts, string holders);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning,
        Message = "Dropping the invalid index {Index} on {Table}, left by a concurrent build that failed, to build it again")]
    public static partial void DroppingInvalidIndex(ILogger logger, string index, string table);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Created {Table} in {Database}")]
    public static partial void CreatedTable(ILogger logger, string table, string database);
}
