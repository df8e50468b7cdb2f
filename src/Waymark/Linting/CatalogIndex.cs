namespace Waymark.Linting;

/// <summary>One index as the catalog stores it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Columns">Its columns (empty for an expression index).</param>
/// <param name="Unique">Whether it is unique.</param>
public sealed record CatalogIndex(string Name, IReadOnlyList<string> Columns, bool Unique);
