namespace TimeTracker.Hosting;

/// <summary>A setting the API cannot start without is missing or unusable; the message says which and how to set it.</summary>
internal sealed class ApiConfigurationException : Exception
{
    public ApiConfigurationException() : base("The API's configuration is incomplete.") { }

    public ApiConfigurationException(string message) : base(message) { }

    public ApiConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
