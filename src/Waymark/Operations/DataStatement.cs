namespace Waymark.Operations;

/// <summary>
/// A parameterised data statement (INSERT/UPDATE/DELETE) for data migrations. Parameters are written
/// <c>@name</c> in the SQL; offline scripts inline them as literals.
/// </summary>
public sealed record DataStatement(string Sql, IReadOnlyDictionary<string, object?> Parameters) : MigrationOperation
{
    /// <inheritdoc />
    public override string Describe() => "data statement";
}
