namespace TimeTracker.Web.Contracts.Billing;

/// <summary>An organization's seats.</summary>
/// <param name="Used">Members plus pending invitations (each holds a seat until accepted, revoked or expired).</param>
/// <param name="Paid">The subscription's quantity while it bills (the most seats allowed); null when no limit applies.</param>
internal sealed record SeatsResponse(int Used, int? Paid);
