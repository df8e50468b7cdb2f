using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TimeTracker.Web.Authentication;

namespace TimeTracker.Web.OpenApi;

/// <summary>
/// Says of each operation that requires a user whether a personal API token may call it, and with which scope: in its
/// description, and as <c>x-api-token-scope</c> (<c>read</c>, <c>write</c>, <c>admin</c>; absent: signed-in sessions only).
/// </summary>
internal static class ApiTokenScopes
{
    /// <summary>The operation extension that names the scope a token needs.</summary>
    public const string Extension = "x-api-token-scope";

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!PublicOperations.RequiresUser(metadata))
            return Task.CompletedTask;
        var scope = metadata.OfType<ApiTokenScope>().LastOrDefault();
        var note = scope is null
            ? "Personal API tokens: not accepted (a signed-in session only)."
            : $"Personal API tokens: of this organization, with the scope '{scope.Scope}' or wider.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? note : $"{operation.Description}\n\n{note}";
        if (scope is not null)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create(scope.Scope));
        }
        return Task.CompletedTask;
    }
}
