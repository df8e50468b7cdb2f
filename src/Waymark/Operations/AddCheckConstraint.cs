using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Adds a check constraint.</summary>
/// <param name="Table">The table.</param>
/// <param name="Constraint">The constraint.</param>
/// <param name="NotValid">
/// Add it without checking the rows already there (PostgreSQL's <c>NOT VALID</c>); check them later with
/// <see cref="ValidateConstraint"/>. SQLite adds checks by rebuilding the table, which checks every row anyway, so it
/// ignores the flag.
/// </param>
public sealed record AddCheckConstraint(string Table, CheckConstraintDefinition Constraint, bool NotValid = false) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"add check constraint {Constraint.Name} on {Table}{(NotValid ? " not valid" : "")}";
}
