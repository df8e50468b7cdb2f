using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using TimeTracker.Database;
using TimeTracker.Hosting;
using TimeTracker.Web.Contracts.Health;
using Waymark;

namespace TimeTracker.Web.Endpoints;

/// <summary>
/// <c>GET /health</c>: 200 when the database answers and is at head, else 503. The caller is anonymous, and a
/// database's error names hosts, users and paths, so the answer is the status alone and the reason is logged.
/// </summary>
internal static class HealthEndpoint
{
    public static void Map(IEndpointRouteBuilder app) => app.MapGet("/health", GetAsync).WithName("getHealth")
        .WithTags("Operations").WithSummary("Whether the database is reachable and its schema at head (the status alone; the reason is logged).")
        .Produces<HealthResponse>(StatusCodes.Status200OK).Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable).AllowAnonymous();

    private static async Task<IResult> GetAsync(AppDatabase database, SchemaStatus schema, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(HealthEndpoint).FullName!);
        try
        {
            // Through the requests' own pool first: a connection the server has dropped, or a file that has gone,
            // fails here as it would for a request, before the version record is read another way.
            await database.PingAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            Log.HealthDatabaseUnreachable(logger, ex.Message, ex);
            return Unhealthy();
        }
        try
        {
            var current = await schema.CurrentAsync(cancellationToken);
            if (schema.IsAtHead(current))
                return Results.Json(new HealthResponse("healthy"), AppJsonContext.Default.HealthResponse);
            Log.HealthSchemaBehindHead(logger, SchemaStatus.Describe(current), string.Join(", ", schema.Heads));
            return Unhealthy();
        }
        catch (WaymarkException ex)
        {
            Log.HealthSchemaUnreadable(logger, ex.Message);
            return Unhealthy();
        }
    }

    private static IResult Unhealthy() => Results.Json(new HealthResponse("unhealthy"), AppJsonContext.Default.HealthResponse,
        statusCode: StatusCodes.Status503ServiceUnavailable);
}
