namespace Waymark.Diagnosis;

/// <summary>
/// A revision applied in part: the version record names its parent, and some but not all of its changes are in
/// the schema (a revision that ran statement by statement and stopped, or a hand-run script). Comes with the two
/// scripts that end that state, for a person to apply; the doctor never runs them.
/// </summary>
/// <param name="Revision">The revision applied in part.</param>
/// <param name="Recorded">The version rows (its parent).</param>
/// <param name="Operations">Each statement of its upgrade, in order, and whether its change is there.</param>
/// <param name="CompleteScript">Runs only the missing statements, then records the revision.</param>
/// <param name="UndoScript">Undoes the applied statements back to the recorded revision; null when some cannot be
/// undone from the schema alone.</param>
/// <param name="UndoUnavailable">Why there is no undo script, or null.</param>
public sealed record PartialRevision(
    string Revision,
    IReadOnlyList<string> Recorded,
    IReadOnlyList<OperationCheck> Operations,
    string CompleteScript,
    string? UndoScript,
    string? UndoUnavailable)
{
    /// <summary>The statements whose changes are in the schema.</summary>
    public IEnumerable<OperationCheck> Present => Operations.Where(o => o.State == OperationState.Present);

    /// <summary>The statements whose changes are not.</summary>
    public IEnumerable<OperationCheck> Missing => Operations.Where(o => o.State == OperationState.Missing);

    /// <summary>The statements that leave no trace in a schema.</summary>
    public IEnumerable<OperationCheck> CannotBeVerified => Operations.Where(o => o.State == OperationState.CannotBeVerified);
}
