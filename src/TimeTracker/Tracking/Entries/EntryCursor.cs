using System.Globalization;

namespace TimeTracker.Tracking.Entries;

/// <summary>
/// Where a page of entries ended: the last entry's start and id. The next page continues strictly after it in
/// its list's order (by start, then id: newest first for time entries, oldest first for the detailed report), so pages
/// neither skip nor repeat entries while others are added.
/// </summary>
internal sealed record EntryCursor(DateTimeOffset StartedAt, long Id)
{
    /// <summary>The cursor as the API hands it out.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{StartedAt.UtcTicks}-{Id}");

    /// <summary>A cursor this API handed out, or null.</summary>
    public static EntryCursor? Parse(string text)
    {
        var parts = text.Split('-');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new EntryCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }
}
