using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TimeTracker.Web.Problems;

/// <summary>The problem body of an error status that no handler wrote one for, saying what to do about it.</summary>
internal static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        // A query value that does not parse gets a bare 400 from the generated request delegate: say which one.
        var problem = http.Response.StatusCode == 400 && QueryValueErrors.Refusal(http) is { } refusal
            ? ProblemExceptionHandler.ToProblem(refusal)
            : null;
        var detail = http.Response.StatusCode switch
        {
            401 => "This needs a signed-in user: send 'Authorization: Bearer <accessToken>' with a token from POST /api/v1/auth/login.",
            403 => "The signed-in user may not do this.",
            404 => $"Nothing is at {http.Request.Method} {http.Request.Path}. The routes are listed at /openapi/v1.json.",
            405 => $"{http.Request.Path} does not accept {http.Request.Method}.",
            415 => "The body must be JSON: send it with 'Content-Type: application/json'.",
            _ => null,
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem ?? new() { Status = http.Response.StatusCode, Detail = detail },
        });
    }
}
