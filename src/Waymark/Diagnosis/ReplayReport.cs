namespace Waymark.Diagnosis;

/// <summary>What the replay proofs found (<see cref="ReplayProof"/>).</summary>
/// <param name="Revisions">The revisions taken up, down and up again.</param>
/// <param name="Orders">The orders in which branches were replayed (none for a chain without branches).</param>
/// <param name="Findings">Every revision or branch that failed a proof, in the chain's order; empty when all passed.</param>
public sealed record ReplayReport(int Revisions, int Orders, IReadOnlyList<Finding> Findings)
{
    /// <summary>Whether every proof passed.</summary>
    public bool IsProven => Findings.Count == 0;
}
