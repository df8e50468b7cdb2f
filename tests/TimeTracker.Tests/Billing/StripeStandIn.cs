using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace TimeTracker.Tests.Billing;

/// <summary>
/// Stripe's REST API for the two routes TimeTracker calls, <c>POST /v1/checkout/sessions</c> and
/// <c>POST /v1/billing_portal/sessions</c>, on Kestrel at 127.0.0.1, answering as Stripe's API reference
/// documents: the created object as JSON with a <c>Request-Id</c> header, or <c>{"error": {"type", "message", …}}</c>
/// with a 4xx. Written from the reference, not from the code under test. It keeps every request it received,
/// by the secret key that sent it, so that tests sharing it (each API with a key of its own) read only their own.
/// </summary>
/// <remarks>
/// What it knows: the prices <see cref="Prices"/> (any other is Stripe's <c>resource_missing</c>), and every
/// customer but <see cref="MissingCustomer"/>. The price <see cref="SlowPrice"/> is never answered: the request is
/// held until the caller gives up. A repeated <c>Idempotency-Key</c> replays the first answer, as Stripe does.
/// </remarks>
internal sealed class StripeStandIn : IAsyncDisposable
{
    public const string SlowPrice = "price_slow";
    public const string MissingCustomer = "cus_missing";
    public static readonly IReadOnlySet<string> Prices = new HashSet<string>(StringComparer.Ordinal) { "price_team_monthly", "price_team_yearly", SlowPrice };

    private static readonly Lazy<Task<StripeStandIn>> SharedInstance = new(() => StartAsync());

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StripeRequest>> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, string Body, string RequestId)> _answered = new(StringComparer.Ordinal);

    private StripeStandIn(WebApplication app) => _app = app;

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c> (the port is chosen when it starts).</summary>
    public string BaseUrl => _app.Urls.Single();

    /// <summary>One stand-in for the whole test run (like the PostgreSQL server); tests tell their requests apart by secret key.</summary>
    public static Task<StripeStandIn> SharedAsync() => SharedInstance.Value;

    public static async Task<StripeStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var standIn = new StripeStandIn(app);
        app.MapPost("/v1/{**path}", standIn.AnswerAsync);
        await app.StartAsync();
        return standIn;
    }

    /// <summary>The requests sent with <paramref name="secretKey"/>, in the order they arrived.</summary>
    public IReadOnlyList<StripeRequest> RequestsFor(string secretKey) => _received.TryGetValue(secretKey, out var requests) ? [.. requests] : [];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
            body = await reader.ReadToEndAsync(context.RequestAborted);
        var form = QueryHelpers.ParseQuery(body).ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal);
        var authorization = request.Headers.Authorization.ToString();
        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        var key = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization["Bearer ".Length..] : "";
        _received.GetOrAdd(key, _ => new ConcurrentQueue<StripeRequest>()).Enqueue(new StripeRequest(
            request.Method, request.Path, NullIfEmpty(authorization), NullIfEmpty(idempotencyKey), NullIfEmpty(request.Headers["Stripe-Version"].ToString()),
            request.ContentType, form));

        if (key.Length == 0)
        {
            await WriteAsync(context, 401, Error("invalid_request_error", "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')."));
            return;
        }
        if (!key.StartsWith("sk_test_", StringComparison.Ordinal))
        {
            await WriteAsync(context, 401, Error("invalid_request_error", $"Invalid API Key provided: {key[..Math.Min(8, key.Length)]}****"));
            return;
        }
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) != true)
        {
            await WriteAsync(context, 400, Error("invalid_request_error", "Invalid request: the body must be form-encoded (application/x-www-form-urlencoded)."));
            return;
        }
        if (form.TryGetValue("line_items[0][price]", out var price) && price == SlowPrice)
        {
            // Never answered: the caller's time limit ends it.
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            return;
        }
        // Stripe answers a repeated key with the first answer, whatever the body (a different body is an idempotency_error there).
        var (status, answer, requestId) = idempotencyKey.Length > 0 && _answered.TryGetValue(idempotencyKey, out var first)
            ? first
            : Create(request.Path.Value!, form);
        if (idempotencyKey.Length > 0 && _answered.TryAdd(idempotencyKey, (status, answer, requestId)) is false)
            context.Response.Headers["Idempotent-Replayed"] = "true";
        context.Response.Headers["Request-Id"] = requestId;
        await WriteAsync(context, status, answer);
    }

    private static (int Status, string Body, string RequestId) Create(string path, IReadOnlyDictionary<string, string> form)
    {
        var requestId = "req_" + Guid.NewGuid().ToString("N")[..14];
        return path switch
        {
            "/v1/checkout/sessions" => Checkout(form, requestId),
            "/v1/billing_portal/sessions" => Portal(form, requestId),
            _ => (404, Error("invalid_request_error", $"Unrecognized request URL (POST: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."), requestId),
        };
    }

    private static (int, string, string) Checkout(IReadOnlyDictionary<string, string> form, string requestId)
    {
        foreach (var required in new[] { "mode", "line_items[0][price]", "line_items[0][quantity]", "success_url" })
        {
            if (!form.ContainsKey(required))
                return (400, Error("invalid_request_error", $"Missing required param: {required}.", "parameter_missing", required), requestId);
        }
        if (!Prices.Contains(form["line_items[0][price]"]))
            return (400, Error("invalid_request_error", $"No such price: '{form["line_items[0][price]"]}'", "resource_missing", "line_items[0][price]"), requestId);
        if (form.TryGetValue("customer", out var customer) && customer == MissingCustomer)
            return (400, Error("invalid_request_error", $"No such customer: '{customer}'", "resource_missing", "customer"), requestId);
        var id = "cs_test_" + Guid.NewGuid().ToString("N");
        var metadata = form.Where(pair => pair.Key.StartsWith("metadata[", StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key["metadata[".Length..^1], pair => pair.Value);
        return (200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["object"] = "checkout.session",
            ["mode"] = form["mode"],
            ["status"] = "open",
            ["client_reference_id"] = form.GetValueOrDefault("client_reference_id"),
            ["customer"] = customer,
            ["metadata"] = metadata,
            ["success_url"] = form["success_url"],
            ["cancel_url"] = form.GetValueOrDefault("cancel_url"),
            ["livemode"] = false,
            ["url"] = "https://checkout.stripe.com/c/pay/" + id,
        }), requestId);
    }

    private static (int, string, string) Portal(IReadOnlyDictionary<string, string> form, string requestId)
    {
        if (!form.TryGetValue("customer", out var customer))
            return (400, Error("invalid_request_error", "Missing required param: customer.", "parameter_missing", "customer"), requestId);
        if (customer == MissingCustomer)
            return (400, Error("invalid_request_error", $"No such customer: '{customer}'", "resource_missing", "customer"), requestId);
        var id = "bps_" + Guid.NewGuid().ToString("N")[..24];
        return (200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["object"] = "billing_portal.session",
            ["customer"] = customer,
            ["return_url"] = form.GetValueOrDefault("return_url"),
            ["livemode"] = false,
            ["url"] = "https://billing.stripe.com/p/session/test_" + id,
        }), requestId);
    }

    private static string Error(string type, string message, string? code = null, string? param = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["error"] = new Dictionary<string, object?> { ["type"] = type, ["code"] = code, ["param"] = param, ["message"] = message },
    });

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
