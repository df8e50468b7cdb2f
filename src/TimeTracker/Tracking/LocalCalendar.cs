using TimeTracker.Database;

namespace TimeTracker.Tracking;

/// <summary>
/// Days as a user lives them: in their time zone (<c>users.timezone</c>, an IANA name such as <c>Europe/Paris</c>).
/// A day starts at its first instant, which is not always midnight (some zones skip midnight when clocks go forward)
/// and lasts 23 to 25 hours around clock changes.
/// </summary>
internal sealed class LocalCalendar(TimeZoneInfo zone)
{
    /// <summary>The calendar of <see cref="TimeZoneInfo.Utc"/>.</summary>
    public static LocalCalendar Utc { get; } = new(TimeZoneInfo.Utc);

    /// <summary>The time zone.</summary>
    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>The first instant of <paramref name="day"/>.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Clocks that skip midnight start the day when they land; of a repeated midnight, the first is the start.
        while (Zone.IsInvalidTime(local))
            local = local.AddMinutes(15);
        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        // Subtracted, not passed to DateTimeOffset: old local mean times have offsets in seconds, which it refuses.
        return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc));
    }

    /// <summary>The local day <paramref name="instant"/> falls on.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The calendar of a user, by their stored zone; UTC when it is not one this machine knows.</summary>
    public static async Task<LocalCalendar> OfUserAsync(DbSession session, long userId, CancellationToken cancellationToken)
    {
        var name = await session.ScalarAsync("SELECT timezone FROM users WHERE id = @id", cancellationToken, ("id", userId)) as string;
        return Named(name);
    }

    /// <summary>The calendar of a stored zone name; UTC when it is not one this machine knows.</summary>
    public static LocalCalendar Named(string? name) =>
        name is not null && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone) ? new LocalCalendar(zone) : Utc;
}
