using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TimeTracker.Web.OpenApi;

/// <summary>
/// The bearer scheme applies to the whole document; a route that requires no signed-in user (no authorization
/// metadata, or <c>AllowAnonymous</c>) is marked public with an empty <c>security</c>.
/// </summary>
internal static class PublicOperations
{
    /// <summary>Whether a route with <paramref name="metadata"/> requires a signed-in user.</summary>
    public static bool RequiresUser(IEnumerable<object> metadata) =>
        metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!RequiresUser(context.Description.ActionDescriptor.EndpointMetadata))
            operation.Security = [];
        return Task.CompletedTask;
    }
}
