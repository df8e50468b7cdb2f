namespace Waymark;

/// <summary>The root of every error Waymark raises. Messages name the object, the value and the way out.</summary>
public class WaymarkException : Exception
{
    /// <summary>Creates the exception with a message a user can act on.</summary>
    public WaymarkException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public WaymarkException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a generic message.</summary>
    public WaymarkException() : this("Waymark failed.") { }
}
