using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TimeTracker.Web.OpenApi;

/// <summary>Puts a route's <see cref="DescribedBody"/> in place of the body its signature shows, and adds its
/// <see cref="RequiredHeader"/>s and <see cref="OptionalHeader"/>s (each once).</summary>
internal static class DescribedBodies
{
    public static async Task TransformAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<DescribedBody>().LastOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [body.ContentType] = new() { Schema = await SchemaReferences.ForAsync(body.Type, context, cancellationToken) },
                },
            };
        }
        var headers = metadata.OfType<RequiredHeader>().Select(h => (h.Name, h.Description, Required: true, Values: (IReadOnlyList<string>)[]))
            .Concat(metadata.OfType<OptionalHeader>().Select(h => (h.Name, h.Description, Required: false, h.Values)));
        foreach (var header in headers.DistinctBy(h => h.Name, StringComparer.OrdinalIgnoreCase))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Required = header.Required,
                Description = header.Description,
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = header.Values.Count == 0 ? null : [.. header.Values.Select(v => (JsonNode)JsonValue.Create(v))],
                },
            });
        }
    }
}
