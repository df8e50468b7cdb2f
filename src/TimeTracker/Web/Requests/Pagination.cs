using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;
using TimeTracker.Paging;

namespace TimeTracker.Web.Requests;

/// <summary>Describes a list route's <c>limit</c> and <c>cursor</c> in the OpenAPI document (see <see cref="PageRequest"/>).</summary>
internal static class Pagination
{
    /// <summary>
    /// Marks the route as paged: <c>limit</c> is bound as text (so that a word gets the same 400 as a number out
    /// of range), and is described here as the integer it is, with its range and default.
    /// </summary>
    public static RouteHandlerBuilder Paged(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
            {
                if (parameter.Name == "limit")
                {
                    parameter.Description = $"The page size, from 1 to {PageRequest.MaximumLimit}; {PageRequest.DefaultLimit} when left out.";
                    parameter.Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Format = "int32",
                        Minimum = "1",
                        Maximum = PageRequest.MaximumLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        Default = JsonValue.Create(PageRequest.DefaultLimit),
                    };
                }
                else if (parameter.Name == "cursor")
                {
                    parameter.Description = "The nextCursor of the previous page, unchanged, with the same filters; left out for the first page.";
                }
            }
            return Task.CompletedTask;
        });
}
