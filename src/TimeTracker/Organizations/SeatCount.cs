using System.Globalization;
using TimeTracker.Database;

namespace TimeTracker.Organizations;

/// <summary>How many seats an organization uses: its members, and its pending invitations (each holds a seat until
/// accepted, revoked or expired).</summary>
internal static class SeatCount
{
    /// <summary>The seats <paramref name="organizationId"/> uses at <paramref name="now"/>.</summary>
    public static async Task<int> TakenAsync(DbSession session, long organizationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Convert.ToInt32(await session.ScalarAsync(
            "SELECT (SELECT count(*) FROM memberships WHERE organization_id = @org) + " +
            $"(SELECT count(*) FROM invitations WHERE organization_id = @org AND {Invitations.Pending} AND expires_at > @now)",
            cancellationToken, ("org", organizationId), ("now", now)), CultureInfo.InvariantCulture);
}
