using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TimeTracker.Web.OpenApi;

/// <summary>
/// Schema rules: numbers are numbers (never also strings), a member marked <see cref="DataTypeAttribute"/> Date or
/// DateTime carries the <c>date</c> or <c>date-time</c> format, and a member marked <see cref="AllowedValuesAttribute"/>
/// is an enum of those values, on body members and query parameters alike (the attributes describe; the API validates
/// with its own messages); a type marked <see cref="ClosedSchemaAttribute"/> allows no other members.
/// </summary>
internal static class ContractSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (context.JsonPropertyInfo is null && context.JsonTypeInfo.Type.IsDefined(typeof(ClosedSchemaAttribute), inherit: false))
            schema.AdditionalPropertiesAllowed = false;
        // A body member's attributes, or a query parameter's (the handlers' parameters are real methods' parameters).
        var attributes = context.JsonPropertyInfo?.AttributeProvider
            ?? (context.ParameterDescription?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
        if (attributes is null)
            return Task.CompletedTask;
        foreach (var dataType in attributes.GetCustomAttributes(typeof(DataTypeAttribute), inherit: true).Cast<DataTypeAttribute>())
        {
            schema.Format = dataType.DataType switch
            {
                DataType.Date => "date",
                DataType.DateTime => "date-time",
                _ => schema.Format,
            };
        }
        foreach (var allowed in attributes.GetCustomAttributes(typeof(AllowedValuesAttribute), inherit: true).Cast<AllowedValuesAttribute>())
            schema.Enum = [.. allowed.Values.Select(value => value is null ? JsonNullSentinel.JsonNull : JsonValue.Create(value.ToString())!)];
        return Task.CompletedTask;
    }
}
