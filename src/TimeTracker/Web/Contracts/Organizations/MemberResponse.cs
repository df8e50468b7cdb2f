using System.ComponentModel.DataAnnotations;
using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>One member of an organization, and when it joined (its membership was created).</summary>
internal sealed record MemberResponse(
    long UserId, string Email, string Name, [property: AllowedValues(Role.Owner, Role.Admin, Role.Member)] string Role,
    DateTimeOffset JoinedAt)
{
    /// <summary>The response describing <paramref name="member"/>.</summary>
    public static MemberResponse Of(Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new(member.UserId, member.Email, member.Name, member.Role, member.JoinedAt);
    }
}
