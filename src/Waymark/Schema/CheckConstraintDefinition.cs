namespace Waymark.Schema;

/// <summary>A check constraint: a named boolean SQL expression every row must satisfy.</summary>
/// <param name="Name">The constraint name.</param>
/// <param name="Expression">The condition, in SQL.</param>
public sealed record CheckConstraintDefinition(string Name, string Expression)
{
    /// <summary>
    /// Whether the database has not checked the rows that were there when the constraint was added (PostgreSQL's
    /// <c>NOT VALID</c>, until <c>VALIDATE CONSTRAINT</c>); new rows are checked all the same. Not part of equality:
    /// the constraint exists either way.
    /// </summary>
    public bool NotValid { get; init; }

    /// <inheritdoc />
    public bool Equals(CheckConstraintDefinition? other) => other is not null && Name == other.Name && Expression == other.Expression;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Expression);
}
