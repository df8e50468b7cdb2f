using Waymark.Schema;

namespace Waymark.Operations;

/// <summary>
/// Changes a column's type, nullability or default. Properties left null keep their current value;
/// <see cref="DropDefault"/> removes the default.
/// </summary>
public sealed record AlterColumn(string Table, string Column) : TableOperation(Table)
{
    /// <summary>The new type, or null to keep it.</summary>
    public ColumnType? Type { get; init; }

    /// <summary>The new nullability, or null to keep it.</summary>
    public bool? Nullable { get; init; }

    /// <summary>The new default, or null to keep it.</summary>
    public DefaultValue? Default { get; init; }

    /// <summary>Whether to remove the default.</summary>
    public bool DropDefault { get; init; }

    /// <inheritdoc />
    public override string Describe() => $"alter column {Table}.{Column}";
}
