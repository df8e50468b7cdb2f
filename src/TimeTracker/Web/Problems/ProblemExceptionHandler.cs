using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Errors;
using Waymark.Execution;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace TimeTracker.Web.Problems;

/// <summary>
/// The one place where errors become RFC 9457 problems. Each typed error of the features (<see cref="TimeTrackerException"/>)
/// gets its status here, with its title and detail, the per-field <c>errors</c> of a validation failure and the extensions
/// its type carries; the web layer's own refusals keep theirs; unreadable requests say what was wrong with them, in
/// JSON's words; and anything unexpected is a 500 that shows no internals (the log has them, under the trace id the
/// problem carries).
/// </summary>
internal sealed class ProblemExceptionHandler(
    IProblemDetailsService problems, IOptions<HttpJsonOptions> json, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>The title of a request whose body could not be read.</summary>
    public const string UnreadableTitle = "The request could not be read";

    /// <summary>The problem extension that carries Stripe's request id of a failed call.</summary>
    public const string StripeRequestIdExtension = "stripeRequestId";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is BadHttpRequestException { InnerException: JsonException unreadable })
        {
            // The handler runs after the endpoint was cleared from the context; the feature keeps it.
            var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
            var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            exception = JsonBodyErrors.Refusal(unreadable, bodyType, json.Value.SerializerOptions);
        }
        var problem = ToProblem(exception);
        if (problem.Status >= 500)
            Log.RequestFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        if (exception is TooManyRequestsException tooMany)
        {
            var seconds = Math.Max(1, Math.Ceiling(tooMany.RetryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The problem that answers <paramref name="exception"/>.</summary>
    public static ProblemDetails ToProblem(Exception exception)
    {
        ProblemDetails problem = exception switch
        {
            ValidationException invalid =>
                new HttpValidationProblemDetails(invalid.Errors) { Status = StatusOf(invalid), Title = invalid.Title, Detail = invalid.Message },
            TimeTrackerException error => new ProblemDetails { Status = StatusOf(error), Title = error.Title, Detail = error.Message },
            ApiProblemException refusal => new ProblemDetails { Status = refusal.Status, Title = refusal.Title, Detail = refusal.Message },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = UnreadableTitle, Detail = Explain(bad) },
            DatabaseUnavailableException =>
                new ProblemDetails { Status = 503, Title = "Database unavailable", Detail = "The database cannot be reached; try again shortly." },
            _ => new ProblemDetails
            {
                Status = 500, Title = "Unexpected error", Detail = "The server failed to handle the request; it has been logged.",
            },
        };
        if (exception is UpstreamFailureException upstream)
            problem.Extensions[StripeRequestIdExtension] = upstream.StripeRequestId;
        return problem;
    }

    /// <summary>The HTTP status of each kind of typed error.</summary>
    public static int StatusOf(TimeTrackerException error) => error switch
    {
        ValidationException or InvalidRequestException => StatusCodes.Status400BadRequest,
        AuthenticationFailedException => StatusCodes.Status401Unauthorized,
        PaymentRequiredException => StatusCodes.Status402PaymentRequired,
        ForbiddenException => StatusCodes.Status403Forbidden,
        NotFoundException => StatusCodes.Status404NotFound,
        ConflictException => StatusCodes.Status409Conflict,
        UnprocessableException => StatusCodes.Status422UnprocessableEntity,
        TooManyRequestsException => StatusCodes.Status429TooManyRequests,
        UpstreamFailureException => StatusCodes.Status502BadGateway,
        NotConfiguredException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>What was wrong with a request that could not be read (content type, size, no body), never naming a .NET type.</summary>
    private static string Explain(BadHttpRequestException bad) => bad switch
    {
        { StatusCode: 415 } => "The body must be JSON: send it with 'Content-Type: application/json'.",
        { StatusCode: 413 } => "The request body is larger than this endpoint accepts.",
        _ when bad.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase)
            || bad.Message.Contains("Implicit body inferred", StringComparison.OrdinalIgnoreCase)
            => "The request needs a JSON body.",
        _ when JsonBodyErrors.NamesNetType(bad.Message)
            => "The request could not be read as this endpoint expects it (see /openapi/v1.json).",
        _ => bad.Message,
    };
}
