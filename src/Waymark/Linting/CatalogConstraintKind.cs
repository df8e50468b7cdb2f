namespace Waymark.Linting;

/// <summary>The kinds of constraint the linter tells apart.</summary>
public enum CatalogConstraintKind
{
    /// <summary>A primary key.</summary>
    PrimaryKey,

    /// <summary>A unique constraint.</summary>
    Unique,

    /// <summary>A foreign key.</summary>
    ForeignKey,

    /// <summary>A check constraint.</summary>
    Check,

    /// <summary>Anything else (exclusion constraints, …).</summary>
    Other,
}
