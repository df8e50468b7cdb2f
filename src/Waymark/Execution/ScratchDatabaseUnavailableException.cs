namespace Waymark.Execution;

/// <summary>The doctor could not create the scratch database it replays the chain in.</summary>
public sealed class ScratchDatabaseUnavailableException(string database, string reason, Exception? innerException = null)
    : WaymarkException($"Cannot create a scratch database next to {database} to replay the migrations in: {reason}. " +
        "Give --dev-url with an empty database of the same kind that the doctor may fill and clear (e.g. postgresql://user@host/waymark_dev).",
        innerException);
