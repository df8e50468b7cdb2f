namespace Waymark.Linting;

/// <summary>The work a statement does under its lock, whose length grows with the table.</summary>
public enum LockedWork
{
    /// <summary>Nothing that grows with the table: the lock is brief, or the danger lies elsewhere.</summary>
    None,

    /// <summary>Reads every row (a check, a NOT NULL, a foreign key validated).</summary>
    Scan,

    /// <summary>Sorts every row into a new index.</summary>
    IndexBuild,

    /// <summary>Writes every row anew (a rewrite, a copy into a rebuilt table).</summary>
    Rewrite,
}
