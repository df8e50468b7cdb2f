namespace Waymark.Linting;

/// <summary>One table as the catalog stores it.</summary>
/// <param name="Id">What stays the same through a rename (PostgreSQL: its oid; SQLite: its name).</param>
/// <param name="Name">Its name (schema-qualified outside the connection's schema).</param>
/// <param name="Storage">Where its rows are stored (PostgreSQL: <c>relfilenode</c>; SQLite: root page): changed by a rewrite.</param>
/// <param name="AutoIncrement">Whether its key never reuses ids (SQLite's <c>AUTOINCREMENT</c>).</param>
/// <param name="Columns">Its columns.</param>
/// <param name="Indexes">Its indexes, those behind primary keys and unique constraints included.</param>
/// <param name="Constraints">Its named constraints (keys, unique, foreign keys, checks) where the catalog has them.</param>
public sealed record CatalogTable(
    string Id,
    string Name,
    string Storage,
    bool AutoIncrement,
    IReadOnlyList<CatalogColumn> Columns,
    IReadOnlyList<CatalogIndex> Indexes,
    IReadOnlyList<CatalogConstraint> Constraints)
{
    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public CatalogColumn? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The index named <paramref name="name"/>, or null.</summary>
    public CatalogIndex? Index(string name) => Indexes.FirstOrDefault(i => string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The constraint named <paramref name="name"/>, or null.</summary>
    public CatalogConstraint? Constraint(string name) =>
        Constraints.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
