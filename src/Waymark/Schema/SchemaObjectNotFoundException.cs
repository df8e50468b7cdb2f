namespace Waymark.Schema;

/// <summary>An operation names a table, column, index or constraint that does not exist.</summary>
public sealed class SchemaObjectNotFoundException(string kind, string name)
    : WaymarkException($"The {kind} '{name}' does not exist, so the operation that names it cannot be applied. " +
        $"Check the migration's names against the schema at its down-revision.")
{
    /// <summary>What kind of object (table, column, index, …).</summary>
    public string Kind { get; } = kind;

    /// <summary>The object's name.</summary>
    public string Name { get; } = name;
}
