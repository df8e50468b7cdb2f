namespace Waymark;

/// <summary>
/// An error in what the user asked for (an unknown or ambiguous target, a step past head or base, a
/// malformed database URL), as opposed to a failure while doing it. Command lines map it to exit code 2.
/// </summary>
public class WaymarkUsageException : WaymarkException
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public WaymarkUsageException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public WaymarkUsageException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public WaymarkUsageException() : this("The request is not valid.") { }
}
