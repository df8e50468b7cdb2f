using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Hosting;
using TimeTracker.Paging;
using TimeTracker.Tracking.Clients;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Organizations.ApiTokens;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Requests;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Web.Endpoints;

/// <summary><c>/orgs/{orgId}/clients</c>: the organization's clients.</summary>
internal static class ClientEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var clients = org.MapGroup("/clients").WithTags("Clients").AcceptsApiTokens(ApiScope.Admin);
        clients.MapPost("/", CreateAsync).WithName("createClient")
            .WithSummary("Create a client (admins and owners).");
        clients.MapGet("/", ListAsync).WithName("listClients")
            .Paged().WithSummary("A page of the organization's clients by name; archived ones with includeArchived=true; limit, cursor.");
        clients.MapGet("/{id:long}", GetAsync).WithName("getClient")
            .WithSummary("One client.");
        clients.MapPatch("/{id:long}", UpdateAsync).WithName("updateClient").DescribesBody<ClientPatch>()
            .WithSummary("Change name or email, or archive (archived: true) or restore a client (admins and owners).");
        clients.MapDelete("/{id:long}", DeleteAsync).WithName("deleteClient").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Delete a client no time entry or invoice refers to (admins and owners); 409 says how many do.");
    }

    private static async Task<Created<ClientResponse>> CreateAsync(long orgId, CreateClientRequest request, CurrentUser user, ClientCatalog catalog,
        CancellationToken cancellationToken)
    {
        var created = ClientResponse.Of(await catalog.CreateAsync(user.Id, orgId, request.ToCommand(), cancellationToken));
        return TypedResults.Created($"{ApiHost.ApiPrefix}/orgs/{orgId}/clients/{created.Id}", created);
    }

    private static async Task<Ok<Page<ClientResponse>>> ListAsync(long orgId, bool? includeArchived, string? limit, string? cursor, CurrentUser user,
        ClientCatalog catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListAsync(user.Id, orgId, includeArchived == true, PageRequest.Parse(limit, cursor, byName: true),
            cancellationToken)).Select(ClientResponse.Of));

    private static async Task<Ok<ClientResponse>> GetAsync(long orgId, long id, CurrentUser user, ClientCatalog catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ClientResponse.Of(await catalog.GetAsync(user.Id, orgId, id, cancellationToken)));

    private static async Task<Ok<ClientResponse>> UpdateAsync(long orgId, long id, JsonElement body, CurrentUser user, ClientCatalog catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(ClientResponse.Of(await catalog.UpdateAsync(user.Id, orgId, id, body, cancellationToken)));

    private static async Task<NoContent> DeleteAsync(long orgId, long id, CurrentUser user, ClientCatalog catalog,
        CancellationToken cancellationToken)
    {
        await catalog.DeleteAsync(user.Id, orgId, id, cancellationToken);
        return TypedResults.NoContent();
    }
}
