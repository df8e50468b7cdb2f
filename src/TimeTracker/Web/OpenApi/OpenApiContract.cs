using Microsoft.Extensions.DependencyInjection;

namespace TimeTracker.Web.OpenApi;

/// <summary>
/// The OpenAPI document served at <c>/openapi/v1.json</c>, made honest by transformers that derive what the
/// generator leaves out from each endpoint's metadata: the bearer scheme and the public routes, the problems a route
/// can answer, alternative answers, headers, formats and enums. Every transformer works on metadata and source-generated
/// JSON contracts only (Native AOT).
/// </summary>
internal static class OpenApiContract
{
    /// <summary>The name of the bearer security scheme in the document's components.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>Adds the OpenAPI document with the contract's transformers.</summary>
    public static IServiceCollection AddOpenApiContract(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddSchemaTransformer(ContractSchemas.TransformAsync);
        options.AddOperationTransformer(DescribedBodies.TransformAsync);
        options.AddOperationTransformer(ResponseAlternatives.TransformAsync);
        options.AddOperationTransformer(ProblemResponses.TransformAsync);
        options.AddOperationTransformer(PublicOperations.TransformAsync);
        options.AddOperationTransformer(ApiTokenScopes.TransformAsync);
        options.AddDocumentTransformer(ContractDocument.TransformAsync);
    });
}
