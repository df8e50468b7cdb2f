using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using TimeTracker.Errors;

namespace TimeTracker.Web.Problems;

/// <summary>
/// Says what was wrong with a JSON body in the client's words: the field, by its JSON path, and what it must be in
/// JSON's terms ("an integer", "a string", "an array"). System.Text.Json's own message names the .NET type it was
/// converting to (often the whole request record), which means nothing to a client and shows our internals.
/// </summary>
internal static partial class JsonBodyErrors
{
    /// <summary>
    /// The refusal of a body that System.Text.Json could not read as <paramref name="bodyType"/> (the endpoint's body
    /// type, when known): malformed JSON says where it broke; a value of the wrong type is a validation error on its field.
    /// </summary>
    public static TimeTrackerException Refusal(JsonException json, Type? bodyType, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        var path = json.Path ?? "$";
        // The reader's own exception inside means the text is not JSON at all; its message says where, in JSON's terms.
        if (json.InnerException is JsonException)
            return new InvalidRequestException(ProblemExceptionHandler.UnreadableTitle, NamesNetType(json.Message)
                ? $"The body is not valid JSON for this endpoint: it breaks at line {json.LineNumber + 1}, " +
                  $"byte {json.BytePositionInLine + 1} ({path})."
                : $"The body is not valid JSON for this endpoint: {json.Message}");
        var expected = bodyType is null ? null : Expected(At(options, bodyType, path), options);
        var field = path switch
        {
            "$" => "",
            _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
            _ => path[1..],
        };
        if (field.Length == 0)
            return new InvalidRequestException(ValidationException.InvalidTitle, expected is null or "an object"
                ? "The body must be a JSON object with this endpoint's fields (see /openapi/v1.json)."
                : $"The body must be {expected}.");
        return new ValidationException(field, expected is null
            ? $"'{field}' has the wrong type for this endpoint (see /openapi/v1.json)."
            : $"'{field}' must be {expected}.");
    }

    /// <summary>Whether <paramref name="text"/> names a .NET type (a namespace, a CLR primitive's name, Nullable, a generic's arity).</summary>
    public static bool NamesNetType(string? text) => text is not null && NetTypeName().IsMatch(text);

    [GeneratedRegex(@"System\.|Microsoft\.|TimeTracker\.|Nullable|`\d|\b(Int16|Int32|Int64|UInt\d+|Decimal|Double|Single|Boolean|DateOnly|Guid)\b")]
    private static partial Regex NetTypeName();

    /// <summary>
    /// What a value of <paramref name="type"/> is in JSON (or in a query string), with an example where the format matters;
    /// null when anything goes or, without <paramref name="options"/>, for anything but a single value.
    /// </summary>
    public static string? Expected(Type? type, JsonSerializerOptions? options)
    {
        if (type is null)
            return null;
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(char) || type == typeof(Guid) || type == typeof(Uri))
            return "a string";
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            return "a date and time with an offset, e.g. 2026-11-24T09:00:00Z";
        if (type == typeof(DateOnly))
            return "a date, e.g. 2026-11-24";
        if (type == typeof(TimeOnly))
            return "a time of day, e.g. 09:30:00";
        if (type.IsEnum)
            return "one of the values listed for it in /openapi/v1.json";
        if (type == typeof(JsonElement) || type == typeof(JsonDocument))
            return null;
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16
                or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64 => "an integer",
            TypeCode.Decimal or TypeCode.Double or TypeCode.Single => "a number",
            TypeCode.Boolean => "true or false",
            _ => (options is null ? null : InfoOf(options, type))?.Kind switch
            {
                JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "an object",
                JsonTypeInfoKind.Enumerable => "an array",
                _ => null,
            },
        };
    }

    /// <summary>
    /// The type of the value at <paramref name="path"/> (<c>$.tags[0]</c>) in a <paramref name="root"/>; null when the path
    /// leaves what the contract describes.
    /// </summary>
    private static Type? At(JsonSerializerOptions options, Type root, string path)
    {
        Type? type = root;
        foreach (Match step in PathStep().Matches(path))
        {
            var info = type is null ? null : InfoOf(options, type);
            if (info is null)
                return null;
            if (step.Groups["index"].Success)
            {
                type = info.Kind == JsonTypeInfoKind.Enumerable ? info.ElementType : null;
                continue;
            }
            var name = step.Groups["name"].Success
                ? step.Groups["name"].Value
                : step.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal);
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            type = info.Kind switch
            {
                JsonTypeInfoKind.Object => info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, comparison))?.PropertyType,
                JsonTypeInfoKind.Dictionary => info.ElementType,
                _ => null,
            };
        }
        return type;
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();

    private static JsonTypeInfo? InfoOf(JsonSerializerOptions options, Type type)
    {
        try
        {
            return options.GetTypeInfo(type);
        }
        catch (NotSupportedException)
        {
            // A type the source-generated contract does not describe: then nothing more specific is said.
            return null;
        }
    }
}
