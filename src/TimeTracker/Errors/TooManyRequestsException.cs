namespace TimeTracker.Errors;

/// <summary>A limit on how often something may be done was reached; <see cref="RetryAfter"/> says when it can be done again.</summary>
internal sealed class TooManyRequestsException(string title, string detail, TimeSpan retryAfter) : TimeTrackerException(title, detail)
{
    /// <summary>How long until the limit allows it again.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
