using Waymark.Schema;

namespace Waymark.Diagnosis;

/// <summary>The schema the chain produces when exactly <paramref name="Versions"/> are the current heads (none: base).</summary>
public sealed record RevisionSchema(IReadOnlyList<string> Versions, SchemaSnapshot Schema)
{
    /// <summary>The version rows as text (<c>base</c> when none).</summary>
    public string Label => Versions.Count == 0 ? "base" : string.Join(", ", Versions);
}
