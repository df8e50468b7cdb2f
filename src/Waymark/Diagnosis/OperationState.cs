namespace Waymark.Diagnosis;

/// <summary>Whether the change one statement of a revision makes is in the live schema.</summary>
public enum OperationState
{
    /// <summary>Its change is not in the schema.</summary>
    Missing,
    /// <summary>Its change is in the schema.</summary>
    Present,
    /// <summary>It leaves no trace in a schema (data statements, raw SQL), so whether it ran cannot be verified.</summary>
    CannotBeVerified,
}
