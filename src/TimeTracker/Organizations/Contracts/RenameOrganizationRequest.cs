namespace TimeTracker.Organizations.Contracts;

/// <summary>The body of <c>PATCH /orgs/{id}</c>.</summary>
internal sealed record RenameOrganizationRequest(string? Name);
