using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using TimeTracker.Errors;

namespace TimeTracker.Web.Problems;

/// <summary>
/// Names the query (or route) value that could not be read as its parameter's type. The generated request delegates
/// answer such a value with a bare 400 and say nothing (nor log it); this finds the value again from the endpoint's
/// parameter metadata, so that the problem says which parameter and what it must be, in JSON's words.
/// </summary>
internal static class QueryValueErrors
{
    /// <summary>The validation error of every parameter whose value does not parse; null when none is found.</summary>
    public static ValidationException? Refusal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var parameter in context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
        {
            if (!parameter.HasTryParse)
                continue;
            var text = context.Request.RouteValues.TryGetValue(parameter.Name, out var routeValue)
                ? routeValue as string
                : (string?)context.Request.Query[parameter.Name];
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (string.IsNullOrEmpty(text) || Parses(type, text) != false)
                continue;
            var shown = text.Length <= 50 ? $"; '{text}' is not" : "";
            errors[parameter.Name] = [$"'{parameter.Name}' must be {JsonBodyErrors.Expected(type, options: null) ?? "another value"}{shown}."];
        }
        return errors.Count > 0 ? new ValidationException(errors) : null;
    }

    /// <summary>Whether <paramref name="text"/> reads as <paramref name="type"/> as the request delegates read it; null for another type.</summary>
    private static bool? Parses(Type type, string text)
    {
        var culture = CultureInfo.InvariantCulture;
        if (type == typeof(DateOnly))
            return DateOnly.TryParse(text, culture, out _);
        if (type == typeof(DateTimeOffset))
            return DateTimeOffset.TryParse(text, culture, out _);
        if (type == typeof(Guid))
            return Guid.TryParse(text, culture, out _);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => bool.TryParse(text, out _),
            TypeCode.Int32 => int.TryParse(text, culture, out _),
            TypeCode.Int64 => long.TryParse(text, culture, out _),
            TypeCode.Decimal => decimal.TryParse(text, culture, out _),
            TypeCode.Double => double.TryParse(text, culture, out _),
            _ => null,
        };
    }
}
