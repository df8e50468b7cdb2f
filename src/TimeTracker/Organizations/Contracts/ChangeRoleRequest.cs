namespace TimeTracker.Organizations.Contracts;

/// <summary>The body of <c>PATCH /orgs/{id}/members/{userId}</c>.</summary>
internal sealed record ChangeRoleRequest(string? Role);
