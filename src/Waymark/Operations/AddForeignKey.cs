using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>Adds a foreign key constraint.</summary>
/// <param name="Table">The referencing table.</param>
/// <param name="ForeignKey">The key.</param>
/// <param name="NotValid">
/// Add it without checking the rows already there (PostgreSQL's <c>NOT VALID</c>: a brief lock instead of a scan under
/// it); check them later with <see cref="ValidateConstraint"/>. SQLite adds keys by rebuilding the table, which checks
/// every row anyway, so it ignores the flag.
/// </param>
public sealed record AddForeignKey(string Table, ForeignKeyDefinition ForeignKey, bool NotValid = false) : TableOperation(Table)
{
    /// <inheritdoc />
    public override string Describe() => $"add foreign key {ForeignKey.Name} on {Table}{(NotValid ? " not valid" : "")}";
}
