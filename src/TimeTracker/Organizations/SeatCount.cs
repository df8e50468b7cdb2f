using TimeTracker.Database;
using TimeTracker.Errors;

namespace TimeTracker.Organizations;

/// <summary>How many seats an organization uses: its members, and its pending invitations (each holds a seat until
/// accepted, revoked or expired).</summary>
internal static class SeatCount
{
    /// <summary>The seats <paramref name="organizationId"/> uses at <paramref name="now"/>.</summary>
    public static async Task<int> TakenAsync(DbSession session, long organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (members, invitations) = await PartsAsync(session, organizationId, now, cancellationToken);
        return members + invitations;
    }

    /// <summary>409 when one more seat would exceed <paramref name="seats"/> (the subscription's quantity; null: no limit).</summary>
    public static async Task ThrowIfFullAsync(
        DbSession session, long organizationId, int? seats, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (seats is null)
            return;
        var taken = await TakenAsync(session, organizationId, now, cancellationToken);
        if (taken + 1 > seats)
            throw new ConflictException("No seat left",
                $"The subscription has {seats} seat(s), and members and pending invitations take {taken}. " +
                $"Add seats to the subscription, or remove a member or a pending invitation first.");
    }

    /// <summary>The seats of <paramref name="organizationId"/> at <paramref name="now"/>, against <paramref name="paid"/>
    /// (the subscription's quantity; null: no limit).</summary>
    public static async Task<Seats> OfAsync(
        DbSession session, long organizationId, int? paid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (members, invitations) = await PartsAsync(session, organizationId, now, cancellationToken);
        return new Seats(members, invitations, paid);
    }

    /// <summary>The members of <paramref name="organizationId"/>, and its invitations pending at <paramref name="now"/>.</summary>
    public static async Task<(int Members, int Invitations)> PartsAsync(
        DbSession session, long organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.QuerySingleOrDefaultAsync(
            "SELECT (SELECT count(*) FROM memberships WHERE organization_id = @org) AS members, " +
            $"(SELECT count(*) FROM invitations WHERE organization_id = @org AND {Invitations.Pending} AND expires_at > @now) AS invitations",
            r => (r.Count("members"), r.Count("invitations")), cancellationToken, ("org", organizationId), ("now", now));
    }
}
