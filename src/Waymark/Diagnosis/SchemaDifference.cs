namespace Waymark.Diagnosis;

/// <summary>
/// One way a live schema differs from the schema a revision produces. A minor difference (a constraint or
/// index name, a default's spelling, a type's spelling within its family, an extra index) still lets the
/// schemas count as equivalent; any other does not.
/// </summary>
public sealed record SchemaDifference(string Description, bool IsMinor)
{
    /// <inheritdoc />
    public override string ToString() => Description;
}
