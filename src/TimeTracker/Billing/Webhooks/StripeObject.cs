using System.Text.Json;

namespace TimeTracker.Billing.Webhooks;

/// <summary>
/// Read access to one object of a Stripe payload. Fields Stripe may expand (<c>customer</c>, <c>subscription</c>)
/// arrive either as an id or as the object itself; both read as the id.
/// </summary>
internal readonly record struct StripeObject(JsonElement Element)
{
    /// <summary>A string field, or the <c>id</c> of an expanded object; null when absent or null.</summary>
    public string? String(string name) => Field(name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Object } value when value.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String => id.GetString(),
        _ => null,
    };

    /// <summary>An integer field; null when absent or null.</summary>
    public long? Long(string name) => Field(name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    /// <summary>A Unix-seconds field as an instant; null when absent or null.</summary>
    public DateTimeOffset? Time(string name) => Long(name) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>A boolean field; false when absent.</summary>
    public bool Bool(string name) => Field(name) is { ValueKind: JsonValueKind.True };

    /// <summary>A nested object; null when absent, null, or not an object.</summary>
    public StripeObject? Object(string name) => Field(name) is { ValueKind: JsonValueKind.Object } value ? new StripeObject(value) : null;

    /// <summary>The items of a Stripe list field (<c>{"object": "list", "data": […]}</c>); empty when absent.</summary>
    public IReadOnlyList<StripeObject> List(string name) =>
        Object(name)?.Field("data") is { ValueKind: JsonValueKind.Array } data
            ? [.. data.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object).Select(item => new StripeObject(item))]
            : [];

    private JsonElement? Field(string name) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value : null;
}
