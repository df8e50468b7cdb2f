namespace Waymark.Configuration;

/// <summary>A database URL or connection string that cannot be understood.</summary>
public sealed class InvalidDatabaseUrlException(string url, string reason)
    : WaymarkUsageException($"The database URL '{SecretRedactor.Redact(url)}' is malformed: {reason}. Examples: " +
        $"sqlite:///timetracker.db (relative), sqlite:////var/data/app.db (absolute), postgresql://user:password@localhost:5432/app, " +
        $"or a connection string such as 'Data Source=app.db'.");
