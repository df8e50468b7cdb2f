using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Json.Schema;

namespace TimeTracker.Tests.Contract;

/// <summary>
/// The OpenAPI document a server serves, as a checker of that server's answers: the operation (method and path
/// template), the status, the media type, and the JSON body against the response's schema (JSON Schema 2020-12,
/// which OpenAPI 3.1's schemas are, with the document's components as <c>$defs</c>).
/// </summary>
public sealed class OpenApiContract
{
    private readonly JsonObject _document;
    private readonly List<(string Template, string[] Segments)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public OpenApiContract(string documentJson)
    {
        _document = JsonNode.Parse(documentJson)!.AsObject();
        _paths = [.. _document["paths"]!.AsObject().Select(p => (p.Key, p.Key.Trim('/').Split('/')))];
    }

    /// <summary>
    /// What is wrong with answering <paramref name="status"/> with <paramref name="mediaType"/> and
    /// <paramref name="body"/> to <paramref name="method"/> <paramref name="path"/>, or null when the document allows it
    /// (or describes no such operation: unknown routes are not the contract's).
    /// </summary>
    public string? Check(string method, string path, int status, string? mediaType, string body)
    {
        if (Operation(method, path) is not ({ } template, { } operation))
            return null;
        var name = $"{method.ToUpperInvariant()} {template} ({operation["operationId"]?.GetValue<string>() ?? "no operationId"}) answered {status}";
        var responses = operation["responses"]!.AsObject();
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses[$"{status / 100}XX"] ?? responses["default"];
        if (response is null)
            return $"{name}, a status the document does not describe (it has {string.Join(", ", responses.Select(r => r.Key))}).";
        var content = response["content"]?.AsObject();
        if (string.IsNullOrEmpty(body))
            return null;
        if (mediaType is null || content is null || !content.ContainsKey(mediaType))
            return $"{name} with '{mediaType}', a media type the document does not describe for it ({(content is null ? "no body" : string.Join(", ", content.Select(c => c.Key)))}).";
        if (!mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase) || content[mediaType]?["schema"] is not { } schema)
            return null;
        var evaluation = SchemaOf(schema).Evaluate(System.Text.Json.JsonDocument.Parse(body).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (evaluation.IsValid)
            return null;
        var errors = (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        return $"{name} with a body its schema refuses:\n{string.Join("\n", errors.Distinct().Take(10))}\nbody: {(body.Length > 800 ? body[..800] + "…" : body)}";
    }

    /// <summary>The operation for <paramref name="method"/> on <paramref name="path"/>: the template with the most literal segments that matches.</summary>
    public (string? Template, JsonObject? Operation) Operation(string method, string path)
    {
        var segments = path.Split('?')[0].Trim('/').Split('/');
        var match = _paths
            .Where(p => p.Segments.Length == segments.Length
                && p.Segments.Zip(segments).All(pair => pair.First.StartsWith('{') || string.Equals(pair.First, pair.Second, StringComparison.Ordinal)))
            .OrderByDescending(p => p.Segments.Count(s => !s.StartsWith('{')))
            .Select(p => p.Template)
            .FirstOrDefault();
        return match is not null && _document["paths"]![match]![method.ToLowerInvariant()] is JsonObject operation ? (match, operation) : (null, null);
    }

    /// <summary>Every operationId of the document.</summary>
    public IEnumerable<string> OperationIds() => _document["paths"]!.AsObject()
        .SelectMany(p => p.Value!.AsObject().Where(o => o.Value is JsonObject).Select(o => o.Value!["operationId"]?.GetValue<string>() ?? $"(none: {o.Key} {p.Key})"));

    private JsonSchema SchemaOf(JsonNode schema)
    {
        var text = schema.ToJsonString();
        return _schemas.GetOrAdd(text, _ =>
        {
            var root = JsonNode.Parse(text.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!.AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = JsonNode.Parse(_document["components"]!["schemas"]!.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal));
            return JsonSchema.FromText(root.ToJsonString());
        });
    }

    /// <summary>The media type of <paramref name="headers"/>, without parameters.</summary>
    public static string? MediaType(HttpContentHeaders? headers) => headers?.ContentType?.MediaType;
}
