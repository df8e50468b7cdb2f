using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Adds a unique constraint.</summary>
public sealed record AddUniqueConstraint(string Table, UniqueConstraintDefinition Constraint) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"add unique constraint {Constraint.Name} on {Table}";
}
