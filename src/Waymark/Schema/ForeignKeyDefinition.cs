namespace Waymark.Schema;

/// <summary>A foreign key from a table's columns to another table's columns.</summary>
/// <param name="Name">The constraint name (<c>fk_&lt;table&gt;_&lt;column&gt;</c> by convention), or null where the database keeps none.</param>
/// <param name="Columns">The referencing columns.</param>
/// <param name="ReferencedTable">The referenced table.</param>
/// <param name="ReferencedColumns">The referenced columns.</param>
/// <param name="OnDelete">What happens to referencing rows when the referenced row is deleted.</param>
public sealed record ForeignKeyDefinition(
    string? Name,
    IReadOnlyList<string> Columns,
    string ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    ReferentialAction OnDelete = ReferentialAction.NoAction)
{
    /// <summary>
    /// Whether the database has not checked the rows that were there when the key was added (PostgreSQL's <c>NOT VALID</c>,
    /// until <c>VALIDATE CONSTRAINT</c>); new rows are checked all the same. Not part of equality: the key exists either way.
    /// </summary>
    public bool NotValid { get; init; }

    /// <inheritdoc />
    public bool Equals(ForeignKeyDefinition? other) =>
        other is not null && Name == other.Name && Columns.SequenceEqual(other.Columns)
        && ReferencedTable == other.ReferencedTable && ReferencedColumns.SequenceEqual(other.ReferencedColumns)
        && OnDelete == other.OnDelete;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, string.Join(',', Columns), ReferencedTable, OnDelete);
}
