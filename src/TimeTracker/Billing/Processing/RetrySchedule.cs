namespace TimeTracker.Billing.Processing;

/// <summary>
/// When a failed event is tried again: exponential backoff from <see cref="BillingOptions.RetryDelay"/>, capped at
/// <see cref="BillingOptions.MaxRetryDelay"/>, with "equal jitter" (a random half of the delay) so that events that
/// failed together, say while a mail server was down, do not all come back in the same instant.
/// </summary>
internal sealed class RetrySchedule(BillingOptions options, Random random)
{
    /// <summary>The next attempt after the failed attempt number <paramref name="attempts"/>, or null when no attempt is left.</summary>
    public DateTimeOffset? NextAttempt(int attempts, DateTimeOffset now) =>
        attempts >= options.MaxAttempts ? null : now + Delay(attempts);

    /// <summary>The wait after attempt <paramref name="attempts"/> (1-based): between half and all of <c>RetryDelay ×
    /// 2^(attempts−1)</c>, capped.</summary>
    public TimeSpan Delay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var full = Math.Min(options.RetryDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(full / 2 + random.NextDouble() * full / 2);
    }
}
