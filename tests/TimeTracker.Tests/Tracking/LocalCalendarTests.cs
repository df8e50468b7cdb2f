using TimeTracker.Tracking;
using TimeTracker.Validation;

namespace TimeTracker.Tests.Tracking;

/// <summary>Days in a member's time zone: where they start and which day an instant falls on, around clock changes.</summary>
public sealed class LocalCalendarTests
{
    [Fact]
    public void A_day_starts_at_local_midnight_in_utc_terms()
    {
        var paris = Calendar("Europe/Paris");

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), paris.StartOf(new DateOnly(2026, 11, 1)));
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), paris.StartOf(new DateOnly(2026, 7, 1)));
        Assert.Equal(new DateOnly(2026, 11, 1), paris.DayOf(new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 10, 31), paris.DayOf(new DateTimeOffset(2026, 10, 31, 22, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Days_around_a_clock_change_last_23_and_25_hours()
    {
        var paris = Calendar("Europe/Paris");

        Assert.Equal(TimeSpan.FromHours(23), paris.StartOf(new DateOnly(2026, 3, 30)) - paris.StartOf(new DateOnly(2026, 3, 29)));
        Assert.Equal(TimeSpan.FromHours(25), paris.StartOf(new DateOnly(2026, 10, 26)) - paris.StartOf(new DateOnly(2026, 10, 25)));
    }

    [Fact]
    public void Where_clocks_skip_midnight_the_day_starts_when_they_land()
    {
        // Chile moves from -04 to -03 at local midnight on the first Sunday of September: 00:00 never happens.
        var santiago = Calendar("America/Santiago");

        var start = santiago.StartOf(new DateOnly(2026, 9, 6));

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(new DateOnly(2026, 9, 6), santiago.DayOf(start));
        Assert.Equal(new DateOnly(2026, 9, 5), santiago.DayOf(start.AddTicks(-1)));
    }

    [Fact]
    public void A_day_under_an_old_local_mean_time_offset_in_seconds_still_has_a_start()
    {
        // Amsterdam kept +00:19:32 until 1937 (which .NET may round to the minute): the day still starts where it turns.
        var amsterdam = Calendar("Europe/Amsterdam");

        var start = amsterdam.StartOf(new DateOnly(1930, 1, 1));

        Assert.InRange(start, new DateTimeOffset(1929, 12, 31, 23, 39, 0, TimeSpan.Zero), new DateTimeOffset(1929, 12, 31, 23, 41, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(1930, 1, 1), amsterdam.DayOf(start));
        Assert.Equal(new DateOnly(1929, 12, 31), amsterdam.DayOf(start.AddTicks(-1)));
    }

    [Fact]
    public void A_range_of_dates_covers_whole_local_days_and_a_range_of_instants_is_exact()
    {
        var validation = new RequestValidation();

        var days = TimeRange.Parse(validation, "2026-11-01", "2026-11-30", Calendar("Europe/Paris"), datesOnly: true)!;
        var instants = TimeRange.Parse(validation, "2026-11-01T09:00:00+01:00", "2026-11-01T10:00:00Z", Calendar("Europe/Paris"), datesOnly: false)!;

        validation.ThrowIfInvalid();
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), days.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), days.End);
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), days.Days);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), instants.Start);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), instants.End);
        Assert.Null(instants.Days);
    }

    private static LocalCalendar Calendar(string zone) => new(TimeZoneInfo.FindSystemTimeZoneById(zone));
}
