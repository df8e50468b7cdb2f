namespace Waymark.Schema;

/// <summary>A table's primary key.</summary>
/// <param name="Name">The constraint name, or null where the database keeps none.</param>
/// <param name="Columns">The key's columns, in order.</param>
public sealed record PrimaryKeyDefinition(string? Name, IReadOnlyList<string> Columns)
{
    /// <inheritdoc />
    public bool Equals(PrimaryKeyDefinition? other) =>
        other is not null && Name == other.Name && Columns.SequenceEqual(other.Columns);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, string.Join(',', Columns));
}
