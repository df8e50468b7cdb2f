namespace TimeTracker.Email;

/// <summary>The <c>Email:Smtp</c> configuration section.</summary>
internal sealed class SmtpOptions
{
    /// <summary>The server's host name (<c>Email:Smtp:Host</c>); empty means no SMTP.</summary>
    public string? Host { get; set; }

    /// <summary>The server's port (<c>Email:Smtp:Port</c>), 587 by default.</summary>
    public int Port { get; set; } = 587;

    /// <summary>The user to authenticate as, if the server wants one.</summary>
    public string? UserName { get; set; }

    /// <summary>The password for <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// <c>auto</c> (STARTTLS when the server offers it, TLS on connect on port 465), <c>tls</c> (TLS on connect),
    /// <c>starttls</c> (required), or <c>none</c>.
    /// </summary>
    public string Security { get; set; } = "auto";
}
