namespace Waymark.Planning;

/// <summary>Which way a step moves the database.</summary>
public enum MigrationDirection
{
    /// <summary>Apply a revision.</summary>
    Upgrade,
    /// <summary>Undo a revision.</summary>
    Downgrade,
}
