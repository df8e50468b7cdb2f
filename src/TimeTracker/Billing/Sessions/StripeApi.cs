using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Billing.Webhooks;
using TimeTracker.Errors;

namespace TimeTracker.Billing.Sessions;

/// <summary>
/// Creates sessions through Stripe's REST API: a form-encoded POST with the secret key as bearer token, an
/// <c>Idempotency-Key</c>, the pinned API version, and a time limit. Written by hand on <see cref="HttpClient"/>
/// rather than with Stripe.net's services, whose reflection-based (Newtonsoft) serialization Native AOT cannot keep;
/// answers are read with <see cref="JsonDocument"/>. Every failure is an <see cref="UpstreamFailureException"/> with Stripe's request id.
/// </summary>
internal sealed class StripeApi(IHttpClientFactory clients, IOptions<StripeOptions> options, ILogger<StripeApi> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> the API is called with.</summary>
    public const string HttpClientName = "Stripe";

    /// <summary>Throws the 503 that says what to set when no secret key is configured.</summary>
    /// <exception cref="NotConfiguredException"><c>Stripe:SecretKey</c> is not set.</exception>
    public void RequireConfigured()
    {
        if (string.IsNullOrWhiteSpace(options.Value.SecretKey))
            throw new NotConfiguredException("Stripe not configured",
                "This server has no Stripe secret key, so it cannot start Checkout or open the billing portal. " +
                "Set Stripe:SecretKey from the environment (export Stripe__SecretKey=sk_live_…; never in a file in the repository) and restart.");
    }

    /// <summary>
    /// POSTs <paramref name="form"/> to <paramref name="path"/> (e.g. <c>/v1/checkout/sessions</c>) and reads the
    /// created session's id and url. One call is one user action, so it gets a key of its own: Stripe then runs it
    /// at most once even if the request reaches it twice, and no other action can replay its answer.
    /// </summary>
    /// <exception cref="NotConfiguredException">No secret key is set.</exception>
    /// <exception cref="UpstreamFailureException">Stripe cannot be reached, is too slow, refuses, or answers something unreadable.</exception>
    public async Task<StripeSession> CreateSessionAsync(
        string path, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        RequireConfigured();
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBase.TrimEnd('/') + path, UriKind.Absolute))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.SecretKey);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        request.Headers.Add("Stripe-Version", StripeApiVersion.Pinned);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(settings.Timeout);
        var client = clients.CreateClient(HttpClientName);
        string? requestId = null;
        try
        {
            using var response = await client.SendAsync(request, limit.Token);
            requestId = response.Headers.TryGetValues("Request-Id", out var ids) ? ids.FirstOrDefault() : null;
            var body = await response.Content.ReadAsStringAsync(limit.Token);
            return response.IsSuccessStatusCode
                ? Created(path, body, requestId)
                : throw Refused(path, (int)response.StatusCode, body, requestId);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(path, requestId,
                $"Stripe did not answer within {settings.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (Stripe:Timeout).");
        }
        catch (HttpRequestException ex)
        {
            throw Failed(path, requestId, $"Stripe could not be reached ({ex.Message}).");
        }
    }

    private StripeSession Created(string path, string body, string? requestId)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var session = new StripeObject(document.RootElement);
            if (session.String("id") is { Length: > 0 } id && session.String("url") is { Length: > 0 } url)
                return new StripeSession(id, url, requestId);
        }
        catch (JsonException)
        {
            // Reported below, like an answer without an id or a url.
        }
        throw Failed(path, requestId, "Stripe's answer is not a session with an id and a url.");
    }

    private UpstreamFailureException Refused(string path, int status, string body, string? requestId)
    {
        string? type = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var error = new StripeObject(document.RootElement).Object("error");
            (type, message) = (error?.String("type"), error?.String("message"));
        }
        catch (JsonException)
        {
            // Not Stripe's error shape (a proxy's page, say): the status says enough.
        }
        var what = type is null ? "" : $" ({type})";
        return Failed(path, requestId, $"Stripe refused the request with {status}{what}: {message ?? "no message given"}.", status, type);
    }

    private UpstreamFailureException Failed(string path, string? requestId, string reason, int? status = null, string? type = null)
    {
        Log.StripeApiCallFailed(logger, path, status, type, requestId ?? "(none)", reason);
        var reference = requestId is null ? "" : $" Stripe's request id is {requestId}; quote it to Stripe's support if this persists.";
        return new UpstreamFailureException("Stripe call failed", $"{reason}{reference} Nothing was created; try again.", requestId);
    }
}
