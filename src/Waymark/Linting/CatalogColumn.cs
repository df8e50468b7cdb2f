namespace Waymark.Linting;

/// <summary>One column as the catalog stores it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Position">Its place, which a rename keeps (PostgreSQL: <c>attnum</c>; SQLite: <c>cid</c>).</param>
/// <param name="Type">Its type as the catalog spells it.</param>
/// <param name="NotNull">Whether it is NOT NULL.</param>
/// <param name="HasDefault">Whether it has a default.</param>
/// <param name="HasMissingValue">Whether existing rows read its default without having been rewritten (PostgreSQL's <c>atthasmissing</c>).</param>
public sealed record CatalogColumn(string Name, int Position, string Type, bool NotNull, bool HasDefault, bool HasMissingValue);
