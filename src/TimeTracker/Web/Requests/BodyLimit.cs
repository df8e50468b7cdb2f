using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using TimeTracker.Web.Problems;

namespace TimeTracker.Web.Requests;

/// <summary>
/// Per-endpoint body limits. Kestrel enforces the endpoint's <see cref="IRequestSizeLimitMetadata"/> while it
/// reads; this check refuses a declared length over it before anything is read, with a problem that says why.
/// </summary>
internal sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata
{
    public static void UseBodyLimits(IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { MaxRequestBodySize: { } limit }
            && context.Request.ContentLength > limit)
            throw new ApiProblemException(413, "Body too large",
                $"The request body has {context.Request.ContentLength} bytes; this endpoint reads at most {limit}.");
        return next(context);
    });
}
