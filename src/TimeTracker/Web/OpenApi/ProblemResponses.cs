using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace TimeTracker.Web.OpenApi;

/// <summary>
/// Every problem a route can answer, as <c>application/problem+json</c>. Derived from the route: 400 when it reads a
/// body or a query (a validation problem), 401 and 403 (an API token out of its reach) when it requires a signed-in user,
/// 403 and 404 under
/// <c>/orgs/{id}</c> (a role too low; another organization), 415 when it binds a JSON body and 413 when that has a
/// size limit, 429 when it is rate
/// limited, 500 and 503 (database unavailable) everywhere; plus the route's own <see cref="ProblemStatuses"/> and
/// <c>ProducesProblem</c>s.
/// </summary>
internal static class ProblemResponses
{
    /// <summary>The component of a problem (RFC 9457).</summary>
    public const string Problem = "ProblemDetails";

    /// <summary>The component of a validation problem: a problem with <c>errors</c> by field.</summary>
    public const string ValidationProblem = "HttpValidationProblemDetails";

    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var statuses = new SortedSet<int> { 500, 503 };
        var readsBody = operation.RequestBody is not null;
        if (readsBody || operation.Parameters?.Any(p => p.In == ParameterLocation.Query) == true)
            statuses.Add(400);
        // A personal API token is refused (403) where it may not go: another organization, a scope too narrow, a session-only route.
        if (PublicOperations.RequiresUser(metadata))
            statuses.UnionWith([401, 403]);
        if ((context.Description.RelativePath ?? "").Contains("orgs/{", StringComparison.Ordinal))
            statuses.UnionWith([403, 404]);
        // The framework binds the body (a wrong content type is a 415) and the route's size limit applies (a 413);
        // a body the handler reads itself (the webhook's signed bytes) says its own refusals.
        if (context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body))
            statuses.Add(415);
        if (readsBody && metadata.OfType<IRequestSizeLimitMetadata>().Any())
            statuses.Add(413);
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            statuses.Add(429);
        foreach (var extra in metadata.OfType<ProblemStatuses>())
            statuses.UnionWith(extra.Statuses);
        foreach (var produced in metadata.OfType<IProducesResponseTypeMetadata>().Where(p => p.StatusCode >= 400))
            statuses.Add(produced.StatusCode);

        operation.Responses ??= [];
        foreach (var status in statuses)
        {
            var key = status.ToString(CultureInfo.InvariantCulture);
            // A route's own description of a status (health's 503 is its JSON answer) stays.
            if (operation.Responses.TryGetValue(key, out var existing) && existing.Content?.ContainsKey("application/problem+json") != true)
                continue;
            operation.Responses[key] = new OpenApiResponse
            {
                Description = ReasonPhrases.GetReasonPhrase(status),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() {
                        Schema = new OpenApiSchemaReference(status == 400 ? ValidationProblem : Problem, context.Document) },
                },
            };
        }
        return Task.CompletedTask;
    }
}
