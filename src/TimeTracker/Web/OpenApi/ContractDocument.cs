using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TimeTracker.Web.OpenApi;

/// <summary>
/// The document-wide parts: the bearer scheme (a JWT from <c>/auth/login</c>) applied to every operation, the problem
/// schemas every error answer refers to, and request bodies whose required members are never null (the API refuses
/// a null where it requires a value).
/// </summary>
internal static class ContractDocument
{
    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        // The server the document was read from, as a base for the paths (which start with a slash).
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');
        document.Info.Description ??= "The TimeTracker API. Errors are RFC 9457 problems (application/problem+json).";
        document.AddComponent<IOpenApiSecurityScheme>(OpenApiContract.BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "The accessToken of /auth/login, /auth/login/2fa or /auth/refresh, as 'Authorization: Bearer …'; or, on the " +
                "operations whose x-api-token-scope names a scope, a personal API token (tt_pat_…) of that organization from /me/api-tokens.",
        });
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiContract.BearerScheme, document)] = [] }];
        document.Components!.Schemas![ProblemResponses.Problem] = ProblemSchema(validation: false);
        document.Components.Schemas[ProblemResponses.ValidationProblem] = ProblemSchema(validation: true);
        foreach (var body in (document.Paths ?? []).Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []).Select(
            operation => operation.RequestBody))
        {
            foreach (var media in body?.Content?.Values ?? [])
            {
                if (media.Schema is OpenApiSchemaReference { Reference.Id: { } id } && document.Components.Schemas.TryGetValue(id, out var target)
                    && target is OpenApiSchema schema)
                    RequiredMeansNonNull(schema);
            }
        }
        return Task.CompletedTask;
    }

    private static void RequiredMeansNonNull(OpenApiSchema schema)
    {
        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            if (schema.Properties?.TryGetValue(name, out var property) == true && property is OpenApiSchema { Type: { } type } typed)
                typed.Type = type & ~JsonSchemaType.Null;
        }
    }

    private static OpenApiSchema ProblemSchema(bool validation)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = validation
                ? "A problem (RFC 9457) about the request; when fields were wrong, errors lists by field what was wrong with each."
                : "A problem (RFC 9457): what was wrong, and what to do.",
            Required = new HashSet<string> { "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI reference that identifies the problem type." },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary of the problem type." },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What was wrong with this request, and what to do." },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request the problem is about." },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The id the server's log has the request under." },
            },
        };
        if (validation)
        {
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "The messages about each field, by its name.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        }
        return schema;
    }
}
