using Microsoft.AspNetCore.Builder;

namespace TimeTracker.Web.OpenApi;

/// <summary>One-line additions a route uses to tell the OpenAPI document what its handler's signature cannot.</summary>
internal static class ContractMetadata
{
    /// <summary>
    /// The body is read by the handler itself (a PATCH body, a signed payload) and looks like
    /// <typeparamref name="T"/>, which must be in <c>AppJsonContext</c>.
    /// </summary>
    public static RouteHandlerBuilder DescribesBody<T>(this RouteHandlerBuilder builder, string contentType = "application/json") =>
        builder.WithMetadata(new DescribedBody(typeof(T), contentType));

    /// <summary>The route requires the request header <paramref name="name"/>.</summary>
    public static TBuilder RequiresHeader<TBuilder>(this TBuilder builder, string name, string description) where TBuilder
        : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredHeader(name, description));

    /// <summary>The route reads the request header <paramref name="name"/> when it is sent; it has one of <paramref name="values"/>.</summary>
    public static TBuilder AcceptsHeader<TBuilder>(this TBuilder builder, string name, string description, params string[] values) where TBuilder
        : IEndpointConventionBuilder =>
        builder.WithMetadata(new OptionalHeader(name, description, values));

    /// <summary>The route's answer of <paramref name="status"/> may carry the header <paramref name="name"/>.</summary>
    public static TBuilder AnswersHeader<TBuilder>(this TBuilder builder, int status, string name, string description) where TBuilder
        : IEndpointConventionBuilder =>
        builder.WithMetadata(new ResponseHeader(status, name, description));

    /// <summary>The route can also answer these problem statuses (see <see cref="ProblemResponses"/> for the derived ones).</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemStatuses(statuses));
}
