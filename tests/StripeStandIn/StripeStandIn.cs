using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
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
/// <para>
/// For browser tests it also serves the pages Stripe hosts, as plain forms: a session's <c>url</c> is here. The
/// Checkout page's "Pay" completes the session (a customer and a subscription) and sends the browser to the
/// session's <c>success_url</c>; "Cancel" goes to its <c>cancel_url</c>; the portal page links back to its
/// <c>return_url</c>. The events that follow are sent when the test says so (<see cref="EventsPath"/>), signed
/// as Stripe signs them, to the webhook it was started with: a test can then see the page before and after.
/// </para>
/// </remarks>
internal sealed class StripeStandIn : IAsyncDisposable
{
    /// <summary>
    /// <c>POST</c> here (with <c>?status=active|trialing|past_due|canceled|…</c>, default active) sends the
    /// events of a Checkout Session to the webhook: the first time <c>checkout.session.completed</c> and
    /// <c>customer.subscription.created</c>, later <c>customer.subscription.updated</c> (<c>.deleted</c> for canceled).
    /// The session is completed first if the browser did not pay. Answers each event's id, type and the webhook's status.
    /// </summary>
    public const string EventsPath = "/stand-in/checkout/sessions/{id}/events";

    public const string SlowPrice = "price_slow";
    public const string MissingCustomer = "cus_missing";
    public static readonly IReadOnlySet<string> Prices = new HashSet<string>(StringComparer.Ordinal) { "price_team_monthly", "price_team_yearly", SlowPrice };

    private static readonly Lazy<Task<StripeStandIn>> SharedInstance = new(() => StartAsync());

    private readonly WebApplication _app;
    private readonly Webhook? _webhook;
    private readonly HttpClient _deliveries = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StripeRequest>> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, string Body, string RequestId)> _answered = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CheckoutSession> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _clock = new();
    private DateTimeOffset _lastEvent;

    private StripeStandIn(WebApplication app, Webhook? webhook) => (_app, _webhook) = (app, webhook);

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c> (the port is chosen when it starts).</summary>
    public string BaseUrl => _app.Urls.Single();

    /// <summary>One stand-in for the whole test run (like the PostgreSQL server); tests tell their requests apart by secret key.</summary>
    public static Task<StripeStandIn> SharedAsync() => SharedInstance.Value;

    /// <summary>Starts a stand-in at <paramref name="url"/> (a free port by default) that sends events, when asked, to <paramref name="webhook"/>.</summary>
    public static async Task<StripeStandIn> StartAsync(string url = "http://127.0.0.1:0", Webhook? webhook = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add(url);
        var standIn = new StripeStandIn(app, webhook);
        app.MapPost("/v1/{**path}", standIn.AnswerAsync);
        app.MapGet("/c/pay/{id}", standIn.CheckoutPage);
        app.MapPost("/c/pay/{id}", standIn.Pay);
        app.MapGet("/p/session/{id}", PortalPage);
        app.MapPost(EventsPath, standIn.SendEventsAsync);
        await app.StartAsync();
        return standIn;
    }

    /// <summary>Runs until the process is told to stop (SIGTERM, Ctrl+C).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    /// <summary>The requests sent with <paramref name="secretKey"/>, in the order they arrived.</summary>
    public IReadOnlyList<StripeRequest> RequestsFor(string secretKey) => _received.TryGetValue(secretKey, out var requests) ? [.. requests] : [];

    public async ValueTask DisposeAsync()
    {
        _deliveries.Dispose();
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

    private (int Status, string Body, string RequestId) Create(string path, IReadOnlyDictionary<string, string> form)
    {
        var requestId = "req_" + Guid.NewGuid().ToString("N")[..14];
        return path switch
        {
            "/v1/checkout/sessions" => Checkout(form, requestId),
            "/v1/billing_portal/sessions" => Portal(form, requestId),
            _ => (404, Error("invalid_request_error", $"Unrecognized request URL (POST: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."), requestId),
        };
    }

    private (int, string, string) Checkout(IReadOnlyDictionary<string, string> form, string requestId)
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
        _sessions[id] = new CheckoutSession(id, form);
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
            ["url"] = $"{BaseUrl}/c/pay/{id}",
        }), requestId);
    }

    private (int, string, string) Portal(IReadOnlyDictionary<string, string> form, string requestId)
    {
        if (!form.TryGetValue("customer", out var customer))
            return (400, Error("invalid_request_error", "Missing required param: customer.", "parameter_missing", "customer"), requestId);
        if (customer == MissingCustomer)
            return (400, Error("invalid_request_error", $"No such customer: '{customer}'", "resource_missing", "customer"), requestId);
        var id = "bps_" + Guid.NewGuid().ToString("N")[..24];
        var returnUrl = form.GetValueOrDefault("return_url");
        return (200, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id,
            ["object"] = "billing_portal.session",
            ["customer"] = customer,
            ["return_url"] = returnUrl,
            ["livemode"] = false,
            ["url"] = $"{BaseUrl}/p/session/{id}?return_url={Uri.EscapeDataString(returnUrl ?? "")}",
        }), requestId);
    }

    private IResult CheckoutPage(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
            return Results.NotFound();
        var form = session.Form;
        var cancel = form.GetValueOrDefault("cancel_url");
        return Html("Stand-in Checkout",
            $"""
            <h1>Stand-in Checkout</h1>
            <p>Subscribe to <strong>{Encode(form["line_items[0][price]"])}</strong>, {Encode(form["line_items[0][quantity]"])} seat(s).</p>
            <form method="post" action="/c/pay/{Encode(id)}"><button type="submit">Pay</button></form>
            {(cancel is null ? "" : $"<p><a href=\"{Encode(cancel)}\">Cancel</a></p>")}
            """);
    }

    /// <summary>Completes the session, as a payment at Stripe does, and sends the browser back as Stripe does.</summary>
    private IResult Pay(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
            return Results.NotFound();
        Complete(session);
        return Results.Redirect(session.Form["success_url"].Replace("{CHECKOUT_SESSION_ID}", id, StringComparison.Ordinal));
    }

    private static IResult PortalPage(string id, [FromQuery(Name = "return_url")] string? returnUrl) =>
        Html("Stand-in Billing Portal", $"""
            <h1>Stand-in Billing Portal</h1>
            <p>Session {Encode(id)}.</p>
            <p><a href="{Encode(returnUrl ?? "")}">Return</a></p>
            """);

    private CheckoutSession Complete(CheckoutSession session) =>
        _sessions.AddOrUpdate(session.Id, session, (_, current) => current.Customer is not null ? current : current with
        {
            Customer = current.Form.GetValueOrDefault("customer") ?? "cus_test_" + Guid.NewGuid().ToString("N")[..14],
            Subscription = "sub_test_" + Guid.NewGuid().ToString("N")[..14],
        });

    private async Task<IResult> SendEventsAsync(string id, string? status, CancellationToken cancellationToken)
    {
        if (_webhook is null)
            return Results.Problem("This stand-in was started without a webhook (--webhook-url, --webhook-secret).", statusCode: 409);
        if (!_sessions.TryGetValue(id, out var session))
            return Results.NotFound();
        session = Complete(session);
        status ??= "active";
        var now = DateTimeOffset.UtcNow;
        var first = !session.Delivered;
        _sessions[id] = session with { Delivered = true };
        var organization = long.Parse(session.Form["client_reference_id"], CultureInfo.InvariantCulture);
        var subscription = StripePayloads.Subscription(session.Subscription!, session.Customer!, status,
            int.Parse(session.Form["line_items[0][quantity]"], CultureInfo.InvariantCulture), session.Form["line_items[0][price]"],
            periodEnd: now.AddMonths(1), endedAt: status == "canceled" ? now : null);
        List<(string Type, object Data)> events = first
            ? [(Types.CheckoutCompleted, StripePayloads.Checkout(organization, session.Customer!, session.Subscription!, id)), (Types.SubscriptionCreated, subscription)]
            : [(status == "canceled" ? Types.SubscriptionDeleted : Types.SubscriptionUpdated, subscription)];
        var sent = new List<Dictionary<string, object>>();
        foreach (var (type, data) in events)
        {
            var eventId = StripePayloads.NewEventId();
            var payload = StripePayloads.Event(eventId, type, NextEventTime(), data);
            using var request = new HttpRequestMessage(HttpMethod.Post, _webhook.Url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("Stripe-Signature", StripeSigner.Sign(payload, _webhook.Secret, DateTimeOffset.UtcNow));
            using var response = await _deliveries.SendAsync(request, cancellationToken);
            sent.Add(new() { ["id"] = eventId, ["type"] = type, ["status"] = (int)response.StatusCode });
        }
        return Results.Json(new Dictionary<string, object?> { ["customer"] = session.Customer, ["subscription"] = session.Subscription, ["events"] = sent });
    }

    // Stripe's event times are whole seconds; each event is a second after the one before, so that their order is Stripe's.
    private DateTimeOffset NextEventTime()
    {
        lock (_clock)
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            _lastEvent = now > _lastEvent ? now : _lastEvent.AddSeconds(1);
            return _lastEvent;
        }
    }

    private static IResult Html(string title, string body) => Results.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main>{body}</main></body></html>",
        "text/html; charset=utf-8");

    private static string Encode(string value) => System.Net.WebUtility.HtmlEncode(value);

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

    /// <summary>Where and with which signing secret the stand-in sends events (a webhook endpoint's URL and <c>whsec_…</c>).</summary>
    internal sealed record Webhook(Uri Url, string Secret);

    private sealed record CheckoutSession(string Id, IReadOnlyDictionary<string, string> Form, string? Customer = null, string? Subscription = null,
        bool Delivered = false);

    private static class Types
    {
        public const string CheckoutCompleted = "checkout.session.completed";
        public const string SubscriptionCreated = "customer.subscription.created";
        public const string SubscriptionUpdated = "customer.subscription.updated";
        public const string SubscriptionDeleted = "customer.subscription.deleted";
    }
}
