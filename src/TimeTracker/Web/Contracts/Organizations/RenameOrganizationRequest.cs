namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>The body of <c>PATCH /orgs/{id}</c>.</summary>
internal sealed record RenameOrganizationRequest(string? Name);
