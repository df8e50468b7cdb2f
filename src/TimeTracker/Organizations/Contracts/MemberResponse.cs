using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Organizations.Contracts;

/// <summary>One member of an organization.</summary>
internal sealed record MemberResponse(
    long UserId, string Email, string Name, [property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string Role);
