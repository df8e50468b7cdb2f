namespace Waymark.Execution;

/// <summary>The database cannot be opened or used: missing, unreachable, not a database, read-only, no permission.</summary>
public sealed class DatabaseUnavailableException(string database, string reason, Exception? innerException = null)
    : WaymarkException($"Cannot use the database {database}: {reason}", innerException)
{
    /// <summary>The database, as displayed (no password).</summary>
    public string Database { get; } = database;
}
