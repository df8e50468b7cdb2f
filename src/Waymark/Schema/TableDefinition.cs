namespace Waymark.Schema;

/// <summary>
/// A table as a whole: what <c>CreateTable</c> creates and what a schema reader reads back from a live database.
/// </summary>
public sealed partial record TableDefinition(
    string Name,
    IReadOnlyList<ColumnDefinition> Columns,
    PrimaryKeyDefinition? PrimaryKey = null,
    IReadOnlyList<ForeignKeyDefinition>? ForeignKeys = null,
    IReadOnlyList<UniqueConstraintDefinition>? UniqueConstraints = null,
    IReadOnlyList<CheckConstraintDefinition>? CheckConstraints = null,
    IReadOnlyList<IndexDefinition>? Indexes = null,
    IReadOnlyList<NativeObjectDefinition>? NativeObjects = null)
{
    /// <summary>The foreign keys (never null).</summary>
    public IReadOnlyList<ForeignKeyDefinition> ForeignKeys { get; init; } = ForeignKeys ?? [];

    /// <summary>The unique constraints (never null).</summary>
    public IReadOnlyList<UniqueConstraintDefinition> UniqueConstraints { get; init; } = UniqueConstraints ?? [];

    /// <summary>The check constraints (never null).</summary>
    public IReadOnlyList<CheckConstraintDefinition> CheckConstraints { get; init; } = CheckConstraints ?? [];

    /// <summary>The indexes that are not constraints (never null).</summary>
    public IReadOnlyList<IndexDefinition> Indexes { get; init; } = Indexes ?? [];

    /// <summary>Triggers and other objects on the table kept as SQL (never null).</summary>
    public IReadOnlyList<NativeObjectDefinition> NativeObjects { get; init; } = NativeObjects ?? [];

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public ColumnDefinition? FindColumn(string name) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The column named <paramref name="name"/>; a <see cref="SchemaObjectNotFoundException"/> when there is none.</summary>
    public ColumnDefinition GetColumn(string name) =>
        FindColumn(name) ?? throw new SchemaObjectNotFoundException("column", $"{Name}.{name}");

    /// <inheritdoc />
    public bool Equals(TableDefinition? other) =>
        other is not null && Name == other.Name && Columns.SequenceEqual(other.Columns)
        && Equals(PrimaryKey, other.PrimaryKey)
        && ForeignKeys.SequenceEqual(other.ForeignKeys) && UniqueConstraints.SequenceEqual(other.UniqueConstraints)
        && CheckConstraints.SequenceEqual(other.CheckConstraints) && Indexes.SequenceEqual(other.Indexes)
        && NativeObjects.SequenceEqual(other.NativeObjects);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Columns.Count);
}
