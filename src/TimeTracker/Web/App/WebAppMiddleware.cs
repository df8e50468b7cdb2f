using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TimeTracker.Web.App;

/// <summary>
/// Serves the web app for the requests no endpoint took: a file of the build when the path names one, else
/// <c>index.html</c> for a browser's navigation to a client route (<c>/verify-email</c>, <c>/orgs/4/billing</c>).
/// It runs after routing, so every API route, <c>/health</c> and the OpenAPI document win; <c>/api/…</c> is never
/// answered here, so an unknown API path stays the API's 404 problem.
/// </summary>
internal sealed class WebAppMiddleware(RequestDelegate next, Lazy<WebAppFiles> files)
{
    /// <summary>Hashed names change with their content, so a browser may keep them for a year without asking.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>Everything else is revalidated on each use (cheaply: the ETag answers 304), so a deploy shows at once.</summary>
    public const string RevalidateCacheControl = "no-cache";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (context.GetEndpoint() is not null || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || IsApi(request.Path))
            return next(context);

        var path = request.Path.Value ?? "/";
        var file = files.Value.Find(path) ?? (IsClientRoute(request) ? files.Value.Index : null);
        // An unknown asset or file name is a real 404 (a stale chunk must fail loudly, not parse HTML as JavaScript), and
        // so is a client route asked for by a script rather than a browser: API clients keep getting 404 problems.
        return file is null ? next(context) : WriteAsync(context, file);
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.Ordinal);

    // A client route has no file extension in its last segment, and the request is a navigation (a browser asks for
    // text/html; fetch() and API clients do not).
    private static bool IsClientRoute(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var lastSegment = path[(path.LastIndexOf('/') + 1)..];
        if (lastSegment.Contains('.', StringComparison.Ordinal) || path.StartsWith(WebAppFiles.AssetsPath, StringComparison.Ordinal))
            return false;
        return request.Headers.Accept.Any(value => value is not null && value.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }

    private static Task WriteAsync(HttpContext context, WebAppFile file)
    {
        var response = context.Response;
        var encoding = PreferredEncoding(context.Request, file);
        var (content, etag) = encoding is null ? (file.Content, file.ETag) : (encoding.Content, encoding.ETag);
        SecurityHeaders.Apply(response);
        response.Headers.CacheControl = file.Immutable ? ImmutableCacheControl : RevalidateCacheControl;
        response.Headers.ETag = etag;
        // A client route's answer depends on Accept (the page for a browser, a 404 problem for a script), and a
        // compressible file's on Accept-Encoding: caches must not mix them.
        var vary = new List<string>(2);
        if (!file.Immutable)
            vary.Add(HeaderNames.Accept);
        if (file.Encodings.Count > 0)
            vary.Add(HeaderNames.AcceptEncoding);
        if (vary.Count > 0)
            response.Headers.Vary = string.Join(", ", vary);
        if (encoding is not null)
            response.Headers.ContentEncoding = encoding.Name;
        if (context.Request.Headers.IfNoneMatch.Any(tag => tag == etag || tag == "*"))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        response.ContentLength = content.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask
            : response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }

    // RFC 9110 §12.5.3: a coding is acceptable when named with a non-zero weight, or, unnamed, when "*" has one.
    // Among acceptable ones the file's own order decides (Brotli before gzip), as browsers weigh them equally.
    private static WebAppEncoding? PreferredEncoding(HttpRequest request, WebAppFile file)
    {
        if (file.Encodings.Count == 0
            || !StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted))
            return null;
        return file.Encodings.FirstOrDefault(encoding =>
        {
            var named = accepted.FirstOrDefault(a => a.Value.Equals(encoding.Name, StringComparison.OrdinalIgnoreCase));
            var weight = named ?? accepted.FirstOrDefault(a => a.Value.Equals("*", StringComparison.Ordinal));
            return weight is not null && (weight.Quality ?? 1) > 0;
        });
    }
}
