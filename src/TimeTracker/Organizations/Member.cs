namespace TimeTracker.Organizations;

/// <summary>One member of an organization, with its role and when it joined.</summary>
internal sealed record Member(long UserId, string Email, string Name, string Role, DateTimeOffset JoinedAt);
