namespace TimeTracker.Web.OpenApi;

/// <summary>A header a route's answer of <see cref="Status"/> may carry, for the OpenAPI document.</summary>
internal sealed record ResponseHeader(int Status, string Name, string Description);
