namespace Waymark.Schema;

/// <summary>An index on a table's columns.</summary>
/// <param name="Name">The index name (<c>ix_&lt;table&gt;_&lt;columns&gt;</c> by convention).</param>
/// <param name="Table">The indexed table.</param>
/// <param name="Columns">The indexed columns, in order.</param>
/// <param name="Unique">Whether the index enforces uniqueness.</param>
/// <param name="Filter">The SQL condition of a partial index, where the dialect has them.</param>
public sealed record IndexDefinition(string Name, string Table, IReadOnlyList<string> Columns, bool Unique = false, string? Filter = null)
{
    /// <inheritdoc />
    public bool Equals(IndexDefinition? other) =>
        other is not null && Name == other.Name && Table == other.Table && Columns.SequenceEqual(other.Columns)
        && Unique == other.Unique && Filter == other.Filter;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Table, string.Join(',', Columns), Unique, Filter);
}
