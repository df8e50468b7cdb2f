using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.ApiTokens;
using TimeTracker.Web.OpenApi;
using TimeTracker.Web.Requests;

namespace TimeTracker.Web.Endpoints;

/// <summary>
/// <c>/me/api-tokens</c>: the signed-in user's personal API tokens. A signed-in session only: the routes declare no
/// <see cref="ApiTokenScope"/>, so a token cannot make, list or revoke tokens.
/// </summary>
internal static class ApiTokenEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var tokens = api.MapGroup("/me/api-tokens").WithTags("API tokens").RequireAuthorization()
            .WithMetadata(new BodyLimit(AccountEndpoints.MaxBodyBytes));
        tokens.MapPost("/", CreateAsync).WithName("createApiToken").Refuses(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithSummary("Create a personal API token for one of your organizations, with a scope your role allows (members: read or write) " +
                "and an optional expiry. The answer carries the secret, shown this once only.");
        tokens.MapGet("/", ListAsync).WithName("listApiTokens")
            .WithSummary($"Your API tokens that are not revoked, newest first (at most {ApiTokenStore.MaximumPerPerson}); never their secrets.");
        tokens.MapDelete("/{id:long}", RevokeAsync).WithName("revokeApiToken").Refuses(StatusCodes.Status404NotFound)
            .WithSummary("Revoke one of your API tokens: the next request that presents it is refused.");
    }

    private static async Task<Created<CreatedApiTokenResponse>> CreateAsync(CreateApiTokenRequest request, CurrentUser user, ApiTokenStore tokens,
        CancellationToken cancellationToken)
    {
        var created = CreatedApiTokenResponse.Of(
            await tokens.CreateAsync(user.Id, request.Name, request.OrganizationId, request.Scope, request.ExpiresAt, cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/me/api-tokens/{created.Id}", created);
    }

    private static async Task<Ok<IReadOnlyList<ApiTokenResponse>>> ListAsync(CurrentUser user, ApiTokenStore tokens,
        CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ApiTokenResponse>>([.. (await tokens.ListAsync(user.Id, cancellationToken)).Select(ApiTokenResponse.Of)]);

    private static async Task<NoContent> RevokeAsync(long id, CurrentUser user, ApiTokenStore tokens, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(user.Id, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
