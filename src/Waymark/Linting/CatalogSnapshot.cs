namespace Waymark.Linting;

/// <summary>
/// What a database's catalog says at one moment of a replay, read inside the migration's transaction: its tables as
/// stored, and the table locks this session holds. <c>db lint</c> compares two snapshots to learn what a statement did.
/// </summary>
/// <param name="Tables">The user tables.</param>
/// <param name="Locks">The table locks the session holds (empty where the database does not say: SQLite).</param>
public sealed record CatalogSnapshot(IReadOnlyList<CatalogTable> Tables, IReadOnlyList<SessionLock> Locks)
{
    /// <summary>The table whose identity is <paramref name="id"/>, or null.</summary>
    public CatalogTable? Find(string id) => Tables.FirstOrDefault(t => t.Id == id);
}
