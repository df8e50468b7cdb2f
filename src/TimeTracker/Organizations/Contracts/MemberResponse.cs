namespace TimeTracker.Organizations.Contracts;

/// <summary>One member of an organization.</summary>
internal sealed record MemberResponse(long UserId, string Email, string Name, string Role);
