using System.Globalization;
using System.Text.Json;
using TimeTracker.Errors;

namespace TimeTracker.Validation;

/// <summary>
/// A PATCH body as sent: the fields it names change, the others stay, and an explicit <c>null</c> clears a field.
/// A typed record cannot tell a missing field from a null one, hence this reader. Wrong types and fields the
/// resource does not have are reported through the request's <see cref="RequestValidation"/>.
/// </summary>
internal sealed class PatchDocument
{
    private readonly JsonElement _body;
    private readonly RequestValidation _validation;

    /// <summary>Reads <paramref name="body"/>, reporting fields other than <paramref name="fields"/>.</summary>
    public PatchDocument(JsonElement body, RequestValidation validation, params string[] fields)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (body.ValueKind != JsonValueKind.Object)
            throw new InvalidRequestException("The request is invalid", $"The body must be a JSON object with some of: {string.Join(", ", fields)}.");
        _body = body;
        _validation = validation;
        foreach (var property in body.EnumerateObject().Where(p => !fields.Contains(p.Name, StringComparer.Ordinal)))
            validation.Add(property.Name, $"'{property.Name}' cannot be changed here; the fields are {string.Join(", ", fields)}.");
    }

    /// <summary>Whether the body names <paramref name="field"/> (with a value or null).</summary>
    public bool Has(string field) => _body.TryGetProperty(field, out _);

    /// <summary>A string field, or null when absent or null.</summary>
    public string? String(string field) => Read(field, JsonValueKind.String, "a string", e => e.GetString());

    /// <summary>A boolean field, or null when absent (null is refused: a flag is either set or not).</summary>
    public bool? Bool(string field)
    {
        if (!_body.TryGetProperty(field, out var value))
            return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        _validation.Add(field, $"'{field}' must be true or false.");
        return null;
    }

    /// <summary>An integer id field, or null when absent or null.</summary>
    public long? Id(string field) => Read(field, JsonValueKind.Number, "an integer id", e => e.TryGetInt64(out var id) ? id : (long?)null);

    /// <summary>A decimal field, or null when absent or null.</summary>
    public decimal? Decimal(string field) => Read(
        field, JsonValueKind.Number, "a number", e => e.TryGetDecimal(out var number) ? number : (decimal?)null);

    /// <summary>An instant field (ISO 8601 with an offset), or null when absent or null.</summary>
    public DateTimeOffset? Instant(string field) => Read(field, JsonValueKind.String, "a date and time with an offset, e.g. 2026-11-24T09:00:00Z",
        e => ParseInstant(e.GetString()));

    /// <summary>A list of strings, or null when absent or null.</summary>
    public IReadOnlyList<string>? Strings(string field) => Read(field, JsonValueKind.Array, "a list of strings",
        e => e.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
            ? e.EnumerateArray().Select(item => item.GetString()!).ToList() : null);

    /// <summary>
    /// An ISO 8601 date and time with its offset, as UTC; null for anything else, including a time without an
    /// offset (which would be read as the server's local time).
    /// </summary>
    public static DateTimeOffset? ParseInstant(string? text) =>
        text is { Length: > 6 } && (text[^1] is 'Z' or 'z' || (text[^6] is '+' or '-' && text[^3] == ':'))
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant.ToUniversalTime()
            : null;

    private T? Read<T>(string field, JsonValueKind kind, string expected, Func<JsonElement, T?> read)
    {
        if (!_body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
            return default;
        var result = value.ValueKind == kind ? read(value) : default;
        if (result is null)
            _validation.Add(field, $"'{field}' must be {expected}.");
        return result;
    }
}
