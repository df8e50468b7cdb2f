namespace Waymark.Linting;

/// <summary>A table lock the replaying session holds (PostgreSQL's <c>pg_locks</c>), until its transaction ends.</summary>
/// <param name="Table">The table.</param>
/// <param name="Mode">The lock mode as PostgreSQL names it (<c>AccessExclusiveLock</c>, <c>ShareLock</c>, …).</param>
public sealed record SessionLock(string Table, string Mode)
{
    private static readonly string[] Modes =
    [
        "AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock",
        "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock",
    ];

    /// <summary>How strong the mode is, 1 (<c>AccessShareLock</c>) to 8 (<c>AccessExclusiveLock</c>); 0 for a mode not known.</summary>
    public int Strength => Array.IndexOf(Modes, Mode) + 1;

    /// <summary>Whether it blocks the table's writers (<c>ShareLock</c> and stronger).</summary>
    public bool BlocksWrites => Strength >= 5;

    /// <summary>Whether it blocks the table's readers too (<c>AccessExclusiveLock</c>).</summary>
    public bool BlocksReads => Strength == 8;

    /// <summary>What it blocks, for people.</summary>
    public string Blocks => BlocksReads ? "blocks every read and write of the table"
        : BlocksWrites ? "blocks writes to the table" : "blocks no reads or writes";
}
