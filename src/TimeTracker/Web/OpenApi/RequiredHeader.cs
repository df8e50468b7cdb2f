namespace TimeTracker.Web.OpenApi;

/// <summary>A request header a route requires, for the OpenAPI document.</summary>
internal sealed record RequiredHeader(string Name, string Description);
