using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TimeTracker.Web.OpenApi;

/// <summary>
/// What the generator keeps one of, described in full: a status answered with several body types is a <c>oneOf</c>
/// (sign-in's tokens or MFA challenge), a status answered in several media types lists each (the summary report's
/// JSON and CSV), every 201 names the new resource in its <c>Location</c> header, and a route's
/// <see cref="ResponseHeader"/>s (a browser sign-in's <c>Set-Cookie</c>) are on their answers.
/// </summary>
internal static class ResponseAlternatives
{
    public static async Task TransformAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses is not { } responses)
            return;
        var produced = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(p => p.Type is not null && p.Type != typeof(void) && p.StatusCode is >= 200 and < 300);
        foreach (var group in produced.GroupBy(p => p.StatusCode))
        {
            if (!responses.TryGetValue(group.Key.ToString(CultureInfo.InvariantCulture), out var found) || found is not OpenApiResponse response)
                continue;
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (
                var byMedia in group.SelectMany(p => (p.ContentTypes.Any() ? p.ContentTypes : ["application/json"]).Select(media => (media, p.Type!)))
                         .GroupBy(pair => pair.media, StringComparer.OrdinalIgnoreCase))
            {
                var types = byMedia.Select(pair => pair.Item2).Distinct().ToList();
                if (types.Count == 1 && response.Content.ContainsKey(byMedia.Key))
                    continue;
                var schemas = new List<IOpenApiSchema>();
                foreach (var type in types)
                    schemas.Add(await SchemaReferences.ForAsync(type, context, cancellationToken));
                response.Content[byMedia.Key] = new OpenApiMediaType {
                    Schema = schemas.Count == 1 ? schemas[0] : new OpenApiSchema { OneOf = schemas } };
            }
        }
        if (responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse)
        {
            createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            createdResponse.Headers["Location"] = new OpenApiHeader
            {
                Description = "The path of the new resource.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            };
        }
        foreach (var header in context.Description.ActionDescriptor.EndpointMetadata.OfType<ResponseHeader>())
        {
            if (!responses.TryGetValue(header.Status.ToString(CultureInfo.InvariantCulture), out var found) || found is not OpenApiResponse response)
                continue;
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers[header.Name] = new OpenApiHeader
            {
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            };
        }
    }
}
