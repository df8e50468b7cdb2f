using TimeTracker.Email;

namespace TimeTracker.Organizations;

/// <summary>The email that carries an invitation's link.</summary>
internal static class InvitationEmail
{
    /// <summary>The invitation to <paramref name="to"/> into the organization named <paramref name="organization"/>, with its token's link
    /// under <paramref name="url"/> (the web app), valid for <paramref name="lifetime"/>.</summary>
    public static EmailMessage Of(string to, string organization, string role, string token, string url, TimeSpan lifetime) =>
        // The organization's name is its owners' text: quoted as a name in the body, never in the subject.
        new(to, "You are invited to join an organization on TimeTracker",
            $"Hello,\n\nyou are invited to join the organization named {QuotedName.Of(organization)} on TimeTracker as " +
            $"{(role == Role.Admin || role == Role.Owner ? "an" : "a")} {role}. " +
            $"Accept within {lifetime.TotalDays:0} days:\n\n{url}/accept-invitation?token={Uri.EscapeDataString(token)}\n\n" +
            $"Sign in with this address to accept; if you have no account yet, sign up with it first at {url}/register.\n");
}
