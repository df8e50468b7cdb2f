namespace Waymark.Testing.Scenarios;

/// <summary>The kind of constraint a rejected statement breaks, which each dialect maps to its own error code.</summary>
public enum ConstraintKind
{
    NotNull,
    Unique,
    ForeignKey,
    Check,
}
