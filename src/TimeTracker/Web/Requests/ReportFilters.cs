using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;
using TimeTracker.Tracking.Reports;

namespace TimeTracker.Web.Requests;

/// <summary>
/// Describes a report's filters in the OpenAPI document (see <see cref="ReportFilter"/>): they are bound as text, so that
/// a word is refused naming its parameter, and are described here as what they are: repeatable ids, tag names, and
/// <c>billable</c> as true, false or any.
/// </summary>
internal static class ReportFilters
{
    /// <summary>Marks the route as taking a report's filters.</summary>
    public static RouteHandlerBuilder Filtered(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                (parameter.Description, parameter.Schema) = parameter.Name switch
                {
                    "clientId" => ("Only the time of these clients' projects (repeat the parameter for several).", Ids()),
                    "projectId" => ("Only the time of these projects (repeat the parameter for several).", Ids()),
                    "userId" => ("Only the time of these members (repeat for several); a member's report is always their own time.", Ids()),
                    "tag" => ("Only entries carrying any of these tags, by name (repeat for several).", Names()),
                    "billable" => ("true: billable time only; false: non-billable only; any (the default): both.", Billable()),
                    _ => (parameter.Description, parameter.Schema),
                };
                if (parameter.Name is "clientId" or "projectId" or "userId" or "tag")
                {
                    // Optional, as the handler's nullable arrays are: no value means no filter.
                    parameter.Required = false;
                    parameter.Style = ParameterStyle.Form;
                    parameter.Explode = true;
                }
            }
            return Task.CompletedTask;
        });

    private static OpenApiSchema Ids() => new()
    {
        Type = JsonSchemaType.Array,
        MaxItems = ReportFilter.MaximumValues,
        Items = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "1" },
    };

    private static OpenApiSchema Names() => new()
    {
        Type = JsonSchemaType.Array,
        MaxItems = ReportFilter.MaximumValues,
        Items = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = Tracking.Entries.EntryTags.MaximumLength },
    };

    private static OpenApiSchema Billable() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [JsonValue.Create("true")!, JsonValue.Create("false")!, JsonValue.Create("any")!],
        Default = JsonValue.Create("any"),
    };
}
