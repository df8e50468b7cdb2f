using System.Globalization;

namespace Waymark.Cli;

/// <summary>How the verbs write revision sets and durations, so that every message spells them alike.</summary>
internal static class TextFormat
{
    /// <summary>An empty set of versions is the base of the chain, and is named so.</summary>
    public static string Versions(IReadOnlyList<string> versions) => versions.Count == 0 ? "base" : string.Join(", ", versions);

    public static string Milliseconds(TimeSpan duration) =>
        duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
