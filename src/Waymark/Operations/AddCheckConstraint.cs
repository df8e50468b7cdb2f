using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Adds a check constraint.</summary>
public sealed record AddCheckConstraint(string Table, CheckConstraintDefinition Constraint) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"add check constraint {Constraint.Name} on {Table}";
}
