using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TimeTracker.Hosting;
using TimeTracker.Paging;
using TimeTracker.Tests.Api;
using TimeTracker.Tracking.Clients;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Web.OpenApi;

namespace TimeTracker.Tests.Architecture;

/// <summary>
/// The HTTP contract belongs to the web layer (docs/api.md, "Layers"): request and response bodies are records under
/// <c>TimeTracker.Web.Contracts</c>, which the endpoints map to the features' commands and from their results. A feature
/// never names a type for HTTP, and no endpoint binds or answers a feature's record, so changing a feature cannot
/// change the OpenAPI document by accident.
/// </summary>
public sealed class ContractLayeringTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    private static readonly Assembly App = typeof(ApiHost).Assembly;

    private static readonly string[] Features = ["Accounts", "Organizations", "Tracking", "Billing", "Email"];

    [Fact]
    public void No_feature_type_is_named_as_a_request_or_a_response()
    {
        var named = App.GetTypes()
            .Where(t => Features.Any(f => t.Namespace == "TimeTracker." + f
                || t.Namespace?.StartsWith("TimeTracker." + f + ".", StringComparison.Ordinal) == true))
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal))
            .Select(t => t.Name.Split('`')[0])
            .Where(name => name.EndsWith("Request", StringComparison.Ordinal) || name.EndsWith("Response", StringComparison.Ordinal))
            .ToList();

        Assert.True(named.Count == 0, "Features name types for HTTP (they belong in TimeTracker.Web.Contracts): " + string.Join(", ", named));
    }

    [Fact]
    public async Task Every_body_an_endpoint_reads_or_answers_is_a_contract_of_the_web_layer()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var bodies = endpoints.SelectMany(e => BodyTypes(e).Select(type => (Route: e.DisplayName, Type: type))).ToList();
        var outside = bodies.Where(b => !IsWebContract(b.Type)).Select(b => $"{b.Type} ({b.Route})").Distinct().ToList();

        Assert.True(outside.Count == 0, "Bodies that are not contracts of TimeTracker.Web: " + string.Join("; ", outside));
        // Against a rule that passes because it sees nothing: the routes' bodies are many, PATCH descriptions included.
        Assert.True(bodies.Select(b => b.Type).Distinct().Count() > 40, $"only {bodies.Count} bodies found");
        Assert.Contains(bodies, b => b.Type == typeof(ClientPatch));
    }

    [Fact]
    public void The_rule_refuses_a_features_record_even_inside_a_page_or_a_list()
    {
        Assert.True(IsWebContract(typeof(ClientResponse)));
        Assert.True(IsWebContract(typeof(Page<ClientResponse>)));
        Assert.True(IsWebContract(typeof(IReadOnlyList<ClientResponse>)));
        Assert.False(IsWebContract(typeof(Client)));
        Assert.False(IsWebContract(typeof(Page<Client>)));
        Assert.False(IsWebContract(typeof(IReadOnlyList<Client>)));
    }

    // What the endpoint's metadata says it reads (accepted and described bodies) and answers (produced types).
    private static IEnumerable<Type> BodyTypes(Endpoint endpoint) =>
        endpoint.Metadata.OfType<IAcceptsMetadata>().Select(m => m.RequestType)
            .Concat(endpoint.Metadata.OfType<DescribedBody>().Select(m => m.Type))
            .Concat(endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.Type))
            .OfType<Type>()
            .Where(type => !IsNeutral(type));

    // Problems, plain text and the raw JSON a PATCH is read as are no one's contract.
    private static bool IsNeutral(Type type) =>
        type == typeof(void) || type.IsPrimitive || type == typeof(string) || type == typeof(JsonElement)
        || typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(type);

    // A web contract, or a page or list of them.
    private static bool IsWebContract(Type type)
    {
        if (type.IsGenericType
            && (type.GetGenericTypeDefinition() == typeof(Page<>) || type.Namespace?.StartsWith("System.", StringComparison.Ordinal) == true))
            return type.GetGenericArguments().All(IsWebContract);
        return type.Namespace?.StartsWith("TimeTracker.Web.", StringComparison.Ordinal) == true;
    }
}
