namespace TimeTracker.Web.OpenApi;

/// <summary>A request header a route reads when it is sent, for the OpenAPI document; <see cref="Values"/> are its only values.</summary>
internal sealed record OptionalHeader(string Name, string Description, IReadOnlyList<string> Values);
