namespace Waymark.Operations;

/// <summary>
/// One change a migration makes, as plain data. Dialects translate operations into SQL; the engine
/// also applies them to an in-memory schema (offline scripts, table rebuilds).
/// </summary>
public abstract record MigrationOperation
{
    /// <summary>A one-line description for logs and scripts.</summary>
    public abstract string Describe();
}
