namespace Waymark.Linting;

/// <summary>One named constraint as the catalog stores it.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Validated">Whether the rows are known to satisfy it (false: added <c>NOT VALID</c> and not yet validated).</param>
/// <param name="Definition">Its definition as the catalog writes it (e.g. <c>CHECK ((email IS NOT NULL))</c>).</param>
public sealed record CatalogConstraint(string Name, CatalogConstraintKind Kind, bool Validated, string Definition);
