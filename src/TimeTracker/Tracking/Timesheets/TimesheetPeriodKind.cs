namespace TimeTracker.Tracking.Timesheets;

/// <summary>The periods an organization's members submit their time for: a week from Monday to Sunday (as the app's week views), or a
/// calendar month.</summary>
internal static class TimesheetPeriodKind
{
    public const string Week = "week";
    public const string Month = "month";

    /// <summary>Every kind, in the order the API lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Week, Month];

    /// <summary>The first and last day of the period of <paramref name="kind"/> that holds <paramref name="day"/>.</summary>
    public static (DateOnly First, DateOnly Last) Containing(string kind, DateOnly day)
    {
        if (kind == Month)
        {
            var first = new DateOnly(day.Year, day.Month, 1);
            return (first, first.AddMonths(1).AddDays(-1));
        }
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return (monday, monday.AddDays(6));
    }
}
