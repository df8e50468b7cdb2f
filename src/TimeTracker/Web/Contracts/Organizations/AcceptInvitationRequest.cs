namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>The body of <c>POST /invitations/accept</c>: the token from the emailed link.</summary>
internal sealed record AcceptInvitationRequest(string? Token);
