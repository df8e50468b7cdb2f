using System.Text.Json;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Doctor;

/// <summary>One finding of <c>db doctor --json</c>.</summary>
internal sealed record JsonFinding(string Code, string Severity, string Message, string? Fix, bool SafeFix);

/// <summary>One statement of a revision applied in part, in <c>db doctor --json</c>.</summary>
internal sealed record JsonStatement(int Number, string Description, string State);

/// <summary>The revision applied in part, in <c>db doctor --json</c>.</summary>
internal sealed record JsonPartialRevision(string Revision, IReadOnlyList<JsonStatement> Statements, string CompleteScript, string? UndoScript, string? UndoUnavailable, IReadOnlyList<string> Written);

/// <summary>One difference of <c>db doctor --json</c> from the matched (or nearest) revision's schema.</summary>
internal sealed record JsonDifference(string Description, bool Minor);

/// <summary>
/// The report of <c>db doctor --json</c>, read with System.Text.Json. Parsing checks the shape: exactly the
/// documented properties, of the documented kinds, and "matches" or "nearest" (never both) under "schema".
/// </summary>
internal sealed record DoctorJson(
    string Database,
    IReadOnlyList<string>? Recorded,
    string Level,
    IReadOnlyList<string>? Matches,
    IReadOnlyList<string>? Nearest,
    IReadOnlyList<JsonDifference> Differences,
    IReadOnlyList<JsonFinding> Findings,
    bool Healthy,
    string Next,
    JsonPartialRevision? PartiallyApplied = null)
{
    private static readonly string[] TopLevel = ["database", "recorded", "schema", "findings", "healthy", "next"];

    private static readonly string[] TopLevelWithPartialRevision = ["database", "recorded", "schema", "findings", "partiallyApplied", "healthy", "next"];

    public IReadOnlyList<string> Codes => [.. Findings.Select(f => f.Code)];

    public JsonFinding Finding(string code) => Assert.Single(Findings, f => f.Code == code);

    public static DoctorJson Parse(ProcessResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var document = ParseDocument(result);
        var root = document.RootElement;
        var partial = root.TryGetProperty("partiallyApplied", out var p) ? p : (JsonElement?)null;
        Assert.Equal(partial is null ? TopLevel : TopLevelWithPartialRevision, root.EnumerateObject().Select(p => p.Name));
        var schema = root.GetProperty("schema");
        var schemaProperties = schema.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(3, schemaProperties.Count);
        Assert.Equal("level", schemaProperties[0]);
        Assert.Contains(schemaProperties[1], (string[])["matches", "nearest"]);
        Assert.Equal("differences", schemaProperties[2]);
        var level = schema.GetProperty("level").GetString()!;
        Assert.Equal(level == "none" ? "nearest" : "matches", schemaProperties[1]);
        var versions = Strings(schema.GetProperty(schemaProperties[1]))!;

        var recorded = root.GetProperty("recorded");
        return new DoctorJson(
            root.GetProperty("database").GetString()!,
            recorded.ValueKind == JsonValueKind.Null ? null : Strings(recorded),
            level,
            level == "none" ? null : versions,
            level == "none" ? versions : null,
            [.. schema.GetProperty("differences").EnumerateArray().Select(d => new JsonDifference(d.GetProperty("description").GetString()!, d.GetProperty("minor").GetBoolean()))],
            [.. root.GetProperty("findings").EnumerateArray().Select(f => new JsonFinding(
                f.GetProperty("code").GetString()!,
                f.GetProperty("severity").GetString()!,
                f.GetProperty("message").GetString()!,
                f.GetProperty("fix").ValueKind == JsonValueKind.Null ? null : f.GetProperty("fix").GetString(),
                f.GetProperty("safeFix").GetBoolean()))],
            root.GetProperty("healthy").GetBoolean(),
            root.GetProperty("next").GetString()!,
            partial is { } part ? PartialRevision(part) : null);
    }

    private static JsonPartialRevision PartialRevision(JsonElement part)
    {
        Assert.Equal(["revision", "statements", "completeScript", "undoScript", "undoUnavailable", "written"], part.EnumerateObject().Select(p => p.Name));
        return new JsonPartialRevision(
            part.GetProperty("revision").GetString()!,
            [.. part.GetProperty("statements").EnumerateArray().Select(s => new JsonStatement(s.GetProperty("number").GetInt32(), s.GetProperty("description").GetString()!, s.GetProperty("state").GetString()!))],
            part.GetProperty("completeScript").GetString()!,
            part.GetProperty("undoScript").GetString(),
            part.GetProperty("undoUnavailable").GetString(),
            Strings(part.GetProperty("written")));
    }

    private static JsonDocument ParseDocument(ProcessResult result)
    {
        try
        {
            return JsonDocument.Parse(result.StdOut);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The output is no JSON document: {ex.Message}\n{result}", ex);
        }
    }

    private static List<string> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
