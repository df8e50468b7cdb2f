namespace Waymark.Diagnosis;

/// <summary>How closely a live schema matches a revision's schema.</summary>
public enum MatchLevel
{
    /// <summary>It differs in tables, columns (name, type family, nullability) or keys.</summary>
    None,
    /// <summary>Same tables, columns and keys; differs only in names, defaults, type spelling or extra indexes.</summary>
    Equivalent,
    /// <summary>No difference at all.</summary>
    Exact,
}
