using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Authentication;

/// <summary>How routes declare what personal API tokens may call them with (<see cref="ApiTokenScope"/>).</summary>
internal static class ApiTokenRoutes
{
    /// <summary>The route value of the tracking routes' organization (<c>/orgs/{orgId}/…</c>).</summary>
    public const string OrgId = "orgId";

    /// <summary>
    /// Tokens may call every route of the group: reads (GET) with <c>read</c>, anything else with <paramref name="changes"/>.
    /// A route's own <see cref="RequiresApiTokenScope"/> overrides it.
    /// </summary>
    public static TBuilder AcceptsApiTokens<TBuilder>(this TBuilder builder, string changes, string organizationRouteValue = OrgId)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            var reads = endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault()?.HttpMethods is { Count: > 0 } methods
                && methods.All(m => HttpMethods.IsGet(m) || HttpMethods.IsHead(m));
            endpoint.Metadata.Add(new ApiTokenScope(reads ? ApiScope.Read : changes, organizationRouteValue));
        });
        return builder;
    }

    /// <summary>Tokens may call the route with at least <paramref name="scope"/>, in the organization of the route value named.</summary>
    public static TBuilder RequiresApiTokenScope<TBuilder>(this TBuilder builder, string scope, string organizationRouteValue = OrgId)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(new ApiTokenScope(scope, organizationRouteValue));
    }
}
