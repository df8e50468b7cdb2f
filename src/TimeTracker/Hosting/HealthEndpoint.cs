using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Database;
using Waymark;

namespace TimeTracker.Hosting;

/// <summary><c>GET /health</c>: 200 when the database answers and is at head, else 503 saying which.</summary>
internal static class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/health", async (AppDatabase database, SchemaStatus schema, CancellationToken cancellationToken) =>
    {
        try
        {
            // Through the requests' own pool first: a connection the server has dropped, or a file that has gone,
            // fails here as it would for a request, before the version record is read another way.
            await database.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            return Results.Json(new HealthResponse("unhealthy", false, [], schema.Heads, false, $"The database cannot be reached: {ex.Message}"),
                AppJsonContext.Default.HealthResponse, statusCode: 503);
        }
        try
        {
            var current = await schema.CurrentAsync(cancellationToken).ConfigureAwait(false);
            var atHead = schema.IsAtHead(current);
            var response = new HealthResponse(atHead ? "healthy" : "unhealthy", true, current, schema.Heads, atHead,
                atHead ? null : $"The schema is at {(current.Count == 0 ? "base" : string.Join(", ", current))}, not at head {string.Join(", ", schema.Heads)}: run 'timetracker db upgrade'.");
            return Results.Json(response, AppJsonContext.Default.HealthResponse, statusCode: atHead ? 200 : 503);
        }
        catch (WaymarkException ex)
        {
            return Results.Json(new HealthResponse("unhealthy", false, [], schema.Heads, false, ex.Message), AppJsonContext.Default.HealthResponse, statusCode: 503);
        }
    }).WithTags("Operations").WithSummary("Whether the database is reachable and its schema at head.").AllowAnonymous();
}
