namespace Waymark.Schema;

/// <summary>A unique constraint over one or more columns.</summary>
/// <param name="Name">The constraint name (<c>uq_&lt;table&gt;_&lt;columns&gt;</c> by convention), or null where the database keeps none.</param>
/// <param name="Columns">The columns whose combination is unique.</param>
public sealed record UniqueConstraintDefinition(string? Name, IReadOnlyList<string> Columns)
{
    /// <inheritdoc />
    public bool Equals(UniqueConstraintDefinition? other) =>
        other is not null && Name == other.Name && Columns.SequenceEqual(other.Columns);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, string.Join(',', Columns));
}
