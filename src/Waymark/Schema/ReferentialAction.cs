namespace Waymark.Schema;

/// <summary>What a foreign key does when the referenced row is deleted.</summary>
public enum ReferentialAction
{
    /// <summary>Refuse the delete (checked at the end of the statement).</summary>
    NoAction,
    /// <summary>Refuse the delete immediately.</summary>
    Restrict,
    /// <summary>Delete the referencing rows too.</summary>
    Cascade,
    /// <summary>Set the referencing columns to null.</summary>
    SetNull,
    /// <summary>Set the referencing columns to their defaults.</summary>
    SetDefault,
}
