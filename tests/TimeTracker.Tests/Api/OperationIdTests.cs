using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace TimeTracker.Tests.Api;

/// <summary>Every operation of the OpenAPI document has an operationId a generated client can name a function after.</summary>
public sealed partial class OperationIdTests(SmtpFixture smtp) : IClassFixture<SmtpFixture>
{
    [Fact]
    public async Task Every_operation_has_a_unique_camel_case_operation_id()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);

        var document = await (await api.GetAsync("/openapi/v1.json")).Content.ReadFromJsonAsync<JsonElement>();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Route: $"{operation.Name.ToUpperInvariant()} {path.Name}",
                Id: operation.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null)))
            .ToList();

        Assert.True(operations.Count >= 60, $"only {operations.Count} operations");
        Assert.All(operations, o => Assert.True(o.Id is not null && CamelCase().IsMatch(o.Id), $"{o.Route}: operationId '{o.Id}'"));
        var repeated = operations.GroupBy(o => o.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(o => o.Route))}");
        Assert.Empty(repeated);
        Assert.Contains(("POST /api/v1/auth/login", "login"), operations);
        Assert.Contains(("GET /api/v1/orgs/{orgId}/clients", "listClients"), operations);
        Assert.Contains(("POST /api/v1/webhooks/stripe", "receiveStripeWebhook"), operations);
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
