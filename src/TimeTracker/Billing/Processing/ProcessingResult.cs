namespace TimeTracker.Billing.Processing;

/// <summary>What one batch did.</summary>
/// <param name="Claimed">Events claimed.</param>
/// <param name="Processed">Applied and marked processed.</param>
/// <param name="Failed">Failed; retried later unless their attempts are used up.</param>
/// <param name="Lost">Claimed again by another worker after this one's lease ran out; their work here was rolled back.</param>
internal sealed record ProcessingResult(int Claimed, int Processed, int Failed, int Lost)
{
    /// <summary>Nothing was due.</summary>
    public static readonly ProcessingResult None = new(0, 0, 0, 0);

    /// <summary>Two results added up.</summary>
    public ProcessingResult Add(ProcessingResult other) =>
        new(Claimed + other.Claimed, Processed + other.Processed, Failed + other.Failed, Lost + other.Lost);
}
