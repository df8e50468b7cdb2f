namespace Waymark.Schema;

/// <summary>A column: name, type, nullability, default, and whether the database generates its values.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Type">The column type.</param>
/// <param name="Nullable">Whether the column accepts null.</param>
/// <param name="Default">The default, if any.</param>
/// <param name="Identity">Whether the database generates the value (an identity / autoincrement key).</param>
public sealed record ColumnDefinition(string Name, ColumnType Type, bool Nullable = true, DefaultValue? Default = null, bool Identity = false);
