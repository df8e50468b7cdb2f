using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>
/// An organization's seats: <c>used</c> is its members plus its pending invitations; <c>paid</c> is the subscription's
/// quantity while it bills, or null when nothing limits the seats (no subscription yet, or one that does not bill).
/// Inviting needs a free seat: <c>used</c> below <c>paid</c>.
/// </summary>
internal sealed record SeatsResponse(int Used, int? Paid, int Members, int PendingInvitations)
{
    /// <summary>The response describing <paramref name="seats"/>.</summary>
    public static SeatsResponse Of(Seats seats)
    {
        ArgumentNullException.ThrowIfNull(seats);
        return new(seats.Used, seats.Paid, seats.Members, seats.PendingInvitations);
    }
}
