using System.Globalization;
using Microsoft.Extensions.Options;
using TimeTracker.Email;
using TimeTracker.Site;

namespace TimeTracker.Tracking.Timers;

/// <summary>
/// The email to a member whose timer has run past their organization's reminder time: what runs, since when (in their
/// time zone), where to stop or correct it (My time), and when the server stops it otherwise.
/// </summary>
internal sealed class TimerReminderMail(IOptions<SiteOptions> site)
{
    // A description is a member's own text, up to 5,000 characters: the email quotes its start on one line.
    private const int DescriptionShown = 100;

    /// <summary>The reminder about <paramref name="timer"/>, as of <paramref name="now"/>.</summary>
    public EmailMessage Reminder(ReminderDetails timer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var zone = timer.TimeZone is { } name && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found) ? found : TimeZoneInfo.Utc;
        var hours = (int)Math.Floor((now - timer.StartedAt).TotalHours);
        var stopAt = timer.StartedAt.AddHours(timer.StopAfterHours);
        // Subjects hold no user-written text (names and descriptions are quoted in the body only).
        return new EmailMessage(timer.Email, $"Your timer has been running for {hours} hours",
            $"Hello {timer.Name},\n\n" +
            $"your timer in the organization named {QuotedName.Of(timer.Organization)} on TimeTracker has been running since " +
            $"{Local(timer.StartedAt, zone)}, {hours} hours so far. It is tracking {What(timer)}.\n\n" +
            "If you are still at it, nothing needs doing. If you forgot it, stop it and correct its end on My time:\n\n" +
            $"{site.Value.BaseUrl}/orgs/{timer.OrganizationId}/time\n\n" +
            $"Otherwise your organization stops timers after {timer.StopAfterHours} hours: this one will end at {Local(stopAt, zone)}, " +
            "and show on My time as stopped automatically, for you to check its end.\n");
    }

    private static string What(ReminderDetails timer)
    {
        var description = timer.Description?.Trim() is { Length: > 0 } text
            ? QuotedName.Of(text.Length > DescriptionShown ? text[..DescriptionShown] + "…" : text)
            : "time without a description";
        var place = (timer.Project, timer.Task) switch
        {
            ({ } project, { } task) => $" on the project {QuotedName.Of(project)}, task {QuotedName.Of(task)}",
            ({ } project, null) => $" on the project {QuotedName.Of(project)}",
            _ => "",
        };
        return description + place;
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture) +
        (zone == TimeZoneInfo.Utc ? " UTC" : $" ({zone.Id} time)");
}
