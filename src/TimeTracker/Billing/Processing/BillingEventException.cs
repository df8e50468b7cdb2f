namespace TimeTracker.Billing.Processing;

/// <summary>
/// An event that could not be applied, with what an operator needs to know. <see cref="Retryable"/> says whether
/// a later attempt can succeed (the organization may be linked by then) or only a person can fix it.
/// </summary>
internal sealed class BillingEventException : Exception
{
    /// <summary>A failure with its explanation.</summary>
    public BillingEventException(string message, bool retryable) : base(message) => Retryable = retryable;

    /// <summary>Needed by the analyzers' exception pattern; prefer the other constructors.</summary>
    public BillingEventException() : this("The event could not be applied.", retryable: true) { }

    /// <summary>Needed by the analyzers' exception pattern; prefer the other constructors.</summary>
    public BillingEventException(string message) : this(message, retryable: true) { }

    /// <summary>Needed by the analyzers' exception pattern; prefer the other constructors.</summary>
    public BillingEventException(string message, Exception innerException) : base(message, innerException) => Retryable = true;

    /// <summary>Whether trying again later can succeed.</summary>
    public bool Retryable { get; }
}
