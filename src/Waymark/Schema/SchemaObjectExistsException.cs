namespace Waymark.Schema;

/// <summary>An operation creates a table, column or index whose name is already taken.</summary>
public sealed class SchemaObjectExistsException(string kind, string name)
    : WaymarkException($"The {kind} '{name}' already exists, so it cannot be created again.")
{
    /// <summary>What kind of object (table, column, index, …).</summary>
    public string Kind { get; } = kind;

    /// <summary>The object's name.</summary>
    public string Name { get; } = name;
}
