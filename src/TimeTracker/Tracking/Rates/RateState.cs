namespace TimeTracker.Tracking.Rates;

/// <summary>Where a rate change stands today.</summary>
internal static class RateState
{
    /// <summary>In effect today.</summary>
    public const string Current = "current";

    /// <summary>Replaced by a later change that is in effect.</summary>
    public const string Past = "past";

    /// <summary>Takes effect on a later day.</summary>
    public const string Scheduled = "scheduled";
}
