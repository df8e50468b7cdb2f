namespace Waymark.Diagnosis;

/// <summary>One statement (operation) of a revision applied in part, and whether its change is in the schema.</summary>
/// <param name="Number">Its place in the revision's upgrade, from 1.</param>
/// <param name="Description">What it does (<c>create table invitations</c>).</param>
/// <param name="State">Present, missing, or not verifiable.</param>
public sealed record OperationCheck(int Number, string Description, OperationState State)
{
    /// <inheritdoc />
    public override string ToString() => $"{Number}. {Description}";
}
