namespace TimeTracker.Web.OpenApi;

/// <summary>
/// The body a handler reads itself (a PATCH body read as a <c>PatchDocument</c>, a signed payload read as bytes), as
/// the OpenAPI document shows it: <see cref="Type"/>'s schema under <see cref="ContentType"/>.
/// </summary>
internal sealed record DescribedBody(Type Type, string ContentType);
