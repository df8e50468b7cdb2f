using System.Text.RegularExpressions;
using TimeTracker.Tests.Api;
using Xunit.Abstractions;

namespace TimeTracker.Tests.Contract;

/// <summary>
/// The OpenAPI document the server serves is a contract a frontend can be built on (docs/api.md, "The contract"):
/// Redocly's recommended rules find no error in it, a client openapi-typescript generates from it compiles with
/// <c>tsc --strict</c> against a typed use of every operation (tests/Contract/usage.ts), and every answer the HTTP
/// tests receive is checked against it (<see cref="ContractCheckingHandler"/>, in <see cref="TestApi"/>).
/// </summary>
public sealed class ContractTests(SmtpFixture smtp, ITestOutputHelper output) : IClassFixture<SmtpFixture>
{
    [Fact]
    public async Task Redocly_recommended_rules_find_no_error_in_the_served_document()
    {
        using var folder = await ServedDocumentAsync();
        var (code, report) = await ContractTools.RunAsync("redocly", folder.Path, "lint", "--extends=recommended", "--format=stylish", "openapi.json");
        output.WriteLine(report);
        Assert.True(code == 0, $"redocly lint found errors:\n{report}");
    }

    [Fact]
    public async Task A_client_generated_by_openapi_typescript_compiles_strictly_with_a_typed_use_of_every_operation()
    {
        using var folder = await ServedDocumentAsync();
        var (generated, generation) = await ContractTools.RunAsync("openapi-typescript", folder.Path, "openapi.json", "--output", "api.d.ts");
        Assert.True(generated == 0, $"openapi-typescript failed:\n{generation}");
        File.Copy(Path.Combine(ContractTools.Folder, "usage.ts"), Path.Combine(folder.Path, "usage.ts"));
        var (code, errors) = await ContractTools.RunAsync("tsc", folder.Path,
            "--strict", "--noEmit", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler", "usage.ts");
        Assert.True(code == 0, $"tsc --strict refused the generated client with usage.ts:\n{errors}");
    }

    [Fact]
    public async Task Every_operation_has_an_operationId_used_in_usage_ts()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var contract = new OpenApiContract(await api.Client.GetStringAsync("/openapi/v1.json"));
        var usage = await File.ReadAllTextAsync(Path.Combine(ContractTools.Folder, "usage.ts"));
        var used = Regex.Matches(usage, "call\\(\"([A-Za-z]+)\"").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var missing = contract.OperationIds().Where(id => !used.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"Operations without an id, or without a typed use in tests/Contract/usage.ts: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task An_answer_the_document_does_not_describe_fails_the_request_with_the_operation_and_status()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var contract = new OpenApiContract(await api.Client.GetStringAsync("/openapi/v1.json"));

        var undocumented = contract.Check("GET", "/api/v1/orgs/7/clients/8", 418, "application/json", "{}");
        var mistyped = contract.Check("GET", "/api/v1/orgs/7/clients/8", 200, "application/json", """{"id":"8","name":"Acme"}""");

        Assert.Contains("GET /api/v1/orgs/{orgId}/clients/{id} (getClient) answered 418", undocumented, StringComparison.Ordinal);
        Assert.Contains("getClient) answered 200 with a body its schema refuses", mistyped, StringComparison.Ordinal);
        Assert.Null(contract.Check("GET", "/api/v1/orgs/7/clients/8", 404, "application/problem+json", """{"title":"Not found","status":404}"""));
    }

    [Fact]
    public async Task Closed_sets_and_dates_in_queries_are_described_as_enums_and_formats()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        using var document = System.Text.Json.JsonDocument.Parse(await api.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        System.Text.Json.JsonElement Schema(string path, string name) => paths.GetProperty(path).GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema");
        static string[] Enum(System.Text.Json.JsonElement schema) => [.. schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];

        Assert.Equal(["project", "client", "user", "tag", "day"], Enum(Schema("/api/v1/orgs/{orgId}/reports/summary", "groupBy")));
        Assert.Equal("date", Schema("/api/v1/orgs/{orgId}/reports/summary", "from").GetProperty("format").GetString());
        Assert.Equal("date", Schema("/api/v1/orgs/{orgId}/reports/summary", "to").GetProperty("format").GetString());
        Assert.Equal(["draft", "issued", "paid", "void"], Enum(Schema("/api/v1/orgs/{orgId}/invoices", "status")));
    }

    private async Task<TempFolder> ServedDocumentAsync()
    {
        await using var api = await TestApi.StartAsync(TestApi.Sqlite, smtp.Server);
        var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "openapi.json"), await api.Client.GetStringAsync("/openapi/v1.json"));
        return folder;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("timetracker-contract-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
