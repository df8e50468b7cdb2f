namespace TimeTracker.Tracking.Entries;

/// <summary>Where an entry came from, as <c>time_entries.source</c> stores it.</summary>
internal static class EntrySource
{
    public const string Manual = "manual";
    public const string Timer = "timer";
    public const string Api = "api";
    public const string Import = "import";

    /// <summary>The sources a client may name when creating an entry (the timer sets its own).</summary>
    public static IReadOnlyList<string> Given { get; } = [Manual, Api, Import];
}
