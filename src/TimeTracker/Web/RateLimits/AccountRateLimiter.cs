using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using TimeTracker.Accounts;

namespace TimeTracker.Web.RateLimits;

/// <summary>
/// Limits sign-ins, password-reset requests and verification resends per email address, whatever address they come
/// from, so that many clients cannot share the guessing of one account's password or flood one inbox. It counts
/// the address as written, account or not, so the 429 says nothing about whether the account exists.
/// </summary>
internal sealed class AccountRateLimiter(RateLimitOptions limit) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));

    /// <summary>
    /// An endpoint filter counting the request against the address <paramref name="email"/> reads from its body
    /// (<paramref name="action"/> names the bucket: sign-ins do not use up resends). Answers 429 past the limit.
    /// </summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> Filter<TRequest>(
        string action, Func<TRequest, string?> email) =>
        async (context, next) =>
        {
            var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
            var written = request is null ? null : email(request);
            // Unusable addresses are refused by the endpoint itself; they share one bucket here.
            var key = action + ":" + (EmailAddress.Normalize(written) ?? "invalid");
            var limiter = context.HttpContext.RequestServices.GetService(typeof(AccountRateLimiter)) as AccountRateLimiter
                ?? throw new InvalidOperationException("AccountRateLimiter is not registered.");
            using var lease = limiter._limiter.AttemptAcquire(key);
            if (lease.IsAcquired)
                return await next(context);
            await TooManyRequests.WriteAsync(context.HttpContext, lease,
                $"More than {limiter.Limit.PermitLimit} requests of this kind were made for this email address within {limiter.Limit.Seconds} " +
                    "seconds, from any client. Wait and try again.");
            return Results.Empty;
        };

    /// <summary>The limit each address and action gets.</summary>
    public RateLimitOptions Limit => limit;

    public void Dispose() => _limiter.Dispose();
}
