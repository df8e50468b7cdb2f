namespace Waymark.Schema;

/// <summary>A check constraint: a named boolean SQL expression every row must satisfy.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Expression">The condition, in SQL.</param>
public sealed record CheckConstraintDefinition(string Name, string Expression);
