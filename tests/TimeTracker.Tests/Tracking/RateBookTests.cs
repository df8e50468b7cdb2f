using TimeTracker.Tracking.Rates;

namespace TimeTracker.Tests.Tracking;

/// <summary>Which rate an hour is worth on a day, from an organization's rate changes (no database).</summary>
public sealed class RateBookTests
{
    private static readonly DateOnly March = new(2026, 3, 10);

    [Fact]
    public void The_member_on_the_project_beats_the_project_which_beats_the_member_their_own_default_and_the_organization()
    {
        var book = new RateBook([
            new RateChange(null, null, 10m, null),
            new RateChange(null, 7, 60m, null),
            new RateChange(3, null, 100m, null),
            new RateChange(3, 7, 120m, null),
        ]);

        Assert.Equal(120m, book.RateOf(3, 7, March, 40m));
        Assert.Equal(100m, book.RateOf(3, 8, March, 40m));
        Assert.Equal(60m, book.RateOf(4, 7, March, 40m));
        Assert.Equal(60m, book.RateOf(null, 7, March, 40m));
        Assert.Equal(40m, book.RateOf(4, 8, March, 40m));
        Assert.Equal(10m, book.RateOf(4, 8, March, null));
        Assert.Null(new RateBook([]).RateOf(3, 7, March, null));
    }

    [Fact]
    public void At_each_level_the_latest_change_on_or_before_the_day_applies_and_a_change_to_no_rate_falls_through()
    {
        var book = new RateBook([
            new RateChange(3, null, 150m, new DateOnly(2026, 3, 10)),
            new RateChange(3, null, 100m, null),
            new RateChange(3, null, null, new DateOnly(2026, 6, 1)),
            new RateChange(null, null, 10m, new DateOnly(2026, 1, 1)),
        ]);

        Assert.Equal(100m, book.RateOf(3, 7, new DateOnly(2020, 1, 1), null));
        Assert.Equal(100m, book.RateOf(3, 7, March.AddDays(-1), null));
        Assert.Equal(150m, book.RateOf(3, 7, March, null));
        Assert.Equal(10m, book.RateOf(3, 7, new DateOnly(2026, 6, 1), null));
        Assert.Null(book.RateOf(null, 7, new DateOnly(2025, 12, 31), null));
    }
}
