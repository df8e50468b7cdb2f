using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;
using TimeTracker.Tracking.Reports;

namespace TimeTracker.Web.Requests;

/// <summary>
/// Describes the summary's <c>dayGroups</c> in the OpenAPI document: bound as text, so that a word is refused like a number
/// out of range, and described here as the integer it is, with its range and default (see <see cref="SummaryReport"/>).
/// </summary>
internal static class SummaryDayGroups
{
    /// <summary>Marks the route as taking <c>dayGroups</c>.</summary>
    public static RouteHandlerBuilder DayGroups(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.Name == "dayGroups"))
            {
                parameter.Description = "How many groups, those with the most time, each of `days` breaks down by; the time of the others is " +
                    $"each day's otherSeconds. From 0 to {SummaryReport.MaximumDayGroups}; {SummaryReport.DefaultDayGroups} when left out.";
                parameter.Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = "0",
                    Maximum = SummaryReport.MaximumDayGroups.ToString(CultureInfo.InvariantCulture),
                    Default = JsonValue.Create(SummaryReport.DefaultDayGroups),
                };
            }
            return Task.CompletedTask;
        });
}
