namespace TimeTracker.Web.Contracts.Organizations;

/// <summary>The body of <c>POST /orgs</c>: a name, and a slug to use instead of the one derived from it.</summary>
internal sealed record CreateOrganizationRequest(string? Name, string? Slug = null);
