using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>The body of <c>PATCH /orgs/{id}/members/{userId}</c>.</summary>
internal sealed record ChangeRoleRequest([property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string? Role);
