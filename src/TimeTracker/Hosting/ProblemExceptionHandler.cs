using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Waymark.Execution;

namespace TimeTracker.Hosting;

/// <summary>
/// Turns every exception into an RFC 9457 problem: refusals keep their status and message, unreadable
/// requests say what was wrong with them, and anything unexpected is a 500 that shows no internals
/// (the log has them, under the trace id the problem carries).
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            ApiProblemException { Errors: { } errors } refusal => new HttpValidationProblemDetails(errors) { Status = refusal.Status, Title = refusal.Title, Detail = refusal.Message },
            ApiProblemException refusal => new ProblemDetails { Status = refusal.Status, Title = refusal.Title, Detail = refusal.Message },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "The request could not be read", Detail = Explain(bad) },
            DatabaseUnavailableException down => new ProblemDetails { Status = 503, Title = "Database unavailable", Detail = "The database cannot be reached; try again shortly." },
            _ => new ProblemDetails { Status = 500, Title = "Unexpected error", Detail = "The server failed to handle the request; it has been logged." },
        };
        if (exception is ApiProblemException { Extensions: { } extensions })
        {
            foreach (var (name, value) in extensions)
                problem.Extensions[name] = value;
        }
        if (problem.Status >= 500)
            Log.RequestFailed(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>What was wrong with the body: malformed JSON (with where), the wrong content type, or too many bytes.</summary>
    private static string Explain(BadHttpRequestException bad) => bad switch
    {
        { StatusCode: 415 } => "The body must be JSON: send it with 'Content-Type: application/json'.",
        { StatusCode: 413 } => "The request body is larger than this endpoint accepts.",
        { InnerException: JsonException json } => $"The body is not valid JSON for this endpoint: {json.Message}",
        _ when bad.Message.Contains("body was not provided", StringComparison.OrdinalIgnoreCase) || bad.Message.Contains("Implicit body inferred", StringComparison.OrdinalIgnoreCase)
            => "The request needs a JSON body.",
        _ => bad.Message,
    };
}
