using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>The body of <c>POST /orgs/{id}/invitations</c>: who, and with which role (default <c>member</c>).</summary>
internal sealed record InvitationRequest(string? Email, [property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string? Role = null);
