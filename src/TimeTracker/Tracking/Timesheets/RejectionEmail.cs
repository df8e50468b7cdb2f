using TimeTracker.Email;

namespace TimeTracker.Tracking.Timesheets;

/// <summary>The email that tells a member their timesheet was rejected, and why.</summary>
internal static class RejectionEmail
{
    /// <summary>To <paramref name="to"/>: their timesheet from <paramref name="first"/> to <paramref name="last"/> in the organization
    /// named <paramref name="organization"/> was rejected by <paramref name="reviewer"/> with <paramref name="comment"/>; the link opens
    /// that week's timesheet under <paramref name="url"/> (the web app).</summary>
    public static EmailMessage Of(
        string to, string organization, string reviewer, DateOnly first, DateOnly last, string comment, string url, long organizationId) =>
        // Names are people's own text: quoted as names in the body, never in the subject.
        new(to, "Your timesheet was rejected",
            $"Hello,\n\nyour timesheet for {first:yyyy-MM-dd} to {last:yyyy-MM-dd} in the organization named {QuotedName.Of(organization)} " +
            $"was rejected by {QuotedName.Of(reviewer)}, who wrote:\n\n{Quoted(comment)}\n\n" +
            $"Fix the entries, then submit the period again:\n\n{url}/orgs/{organizationId}/timesheet?week={first:yyyy-MM-dd}\n");

    private static string Quoted(string comment) => string.Join('\n', comment.Split('\n').Select(line => "> " + line.TrimEnd('\r')));
}
