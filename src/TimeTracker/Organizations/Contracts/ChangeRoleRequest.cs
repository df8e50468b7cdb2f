using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Organizations.Contracts;

/// <summary>The body of <c>PATCH /orgs/{id}/members/{userId}</c>.</summary>
internal sealed record ChangeRoleRequest([property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string? Role);
