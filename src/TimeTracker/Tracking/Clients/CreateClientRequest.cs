namespace TimeTracker.Tracking.Clients;

/// <summary>The body of <c>POST /orgs/{orgId}/clients</c>: a name and an optional billing address.</summary>
internal sealed record CreateClientRequest(string? Name, string? Email = null);
