using System.Globalization;
using TimeTracker.Validation;

namespace TimeTracker.Tracking;

/// <summary>
/// A span of time from query parameters <c>from</c> and <c>to</c>: dates (<c>2026-11-01</c>) are whole days in the
/// caller's time zone, both ends included; instants with an offset (<c>2026-11-01T09:00:00Z</c>) are exact, the end excluded.
/// A missing end (null) leaves that side open.
/// </summary>
internal sealed record TimeRange(DateTimeOffset? Start, DateTimeOffset? End)
{
    /// <summary>The longest span a report or invoice covers.</summary>
    public const int MaximumDays = 366;

    /// <summary>The first and last day when both ends were given as dates.</summary>
    public (DateOnly First, DateOnly Last)? Days { get; init; }

    /// <summary>
    /// Reads <paramref name="from"/> and <paramref name="to"/>; with <paramref name="datesOnly"/> both are required
    /// dates at most <see cref="MaximumDays"/> apart; otherwise either may be missing (open end) or an instant.
    /// </summary>
    public static TimeRange? Parse(RequestValidation validation, string? from, string? to, LocalCalendar calendar, bool datesOnly)
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(calendar);
        var start = Bound(validation, "from", from, calendar, datesOnly, end: false);
        var end = Bound(validation, "to", to, calendar, datesOnly, end: true);
        if (validation.Failed("from") || validation.Failed("to"))
            return null;
        if (start.Instant >= end.Instant)
        {
            validation.Add("to", $"'to' ({to}) must be after 'from' ({from}).");
            return null;
        }
        if (datesOnly && end.Day!.Value.DayNumber - start.Day!.Value.DayNumber >= MaximumDays)
        {
            validation.Add("to", $"The range from {from} to {to} is longer than {MaximumDays} days; ask for a shorter one.");
            return null;
        }
        return new TimeRange(start.Instant, end.Instant) { Days = start.Day is { } first && end.Day is { } last ? (first, last) : null };
    }

    private static (DateTimeOffset? Instant, DateOnly? Day) Bound(
        RequestValidation validation, string field, string? text, LocalCalendar calendar, bool datesOnly, bool end)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (datesOnly)
                validation.Add(field, $"'{field}' is required: a date such as 2026-11-01.");
            return (null, null);
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day.Year is >= 1900 and <= 9998)
                return (calendar.StartOf(end ? day.AddDays(1) : day), day);
            validation.Add(field, $"'{field}' must be a date from 1900 to 9998; {text} is not.");
            return (null, null);
        }
        if (!datesOnly && PatchDocument.ParseInstant(text) is { } instant)
            return (instant, null);
        validation.Add(field, datesOnly
            ? $"'{field}' must be a date such as 2026-11-01; '{text}' is not."
            : $"'{field}' must be a date such as 2026-11-01 or a date and time with an offset such as 2026-11-01T09:00:00Z; '{text}' is not.");
        return (null, null);
    }
}
