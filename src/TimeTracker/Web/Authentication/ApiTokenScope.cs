namespace TimeTracker.Web.Authentication;

/// <summary>
/// Endpoint metadata: personal API tokens may call the route, with at least <paramref name="Scope"/>, in the organization
/// whose id is the route value <paramref name="OrganizationRouteValue"/>. A route without it refuses tokens (only a
/// signed-in session reaches it). The last one declared wins, so a route can override its group's.
/// </summary>
internal sealed record ApiTokenScope(string Scope, string OrganizationRouteValue);
