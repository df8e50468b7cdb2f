namespace TimeTracker.Organizations;

/// <summary>
/// An organization's seats: its members and pending invitations (<see cref="Used"/>), against the subscription's quantity
/// while it bills (<see cref="Paid"/>; null when nothing limits them: no subscription yet, or one that does not bill).
/// </summary>
internal sealed record Seats(int Members, int PendingInvitations, int? Paid)
{
    /// <summary>The seats taken: members plus pending invitations.</summary>
    public int Used => Members + PendingInvitations;
}
