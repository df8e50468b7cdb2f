namespace TimeTracker.Email;

/// <summary>The <c>Email</c> configuration section.</summary>
internal sealed class EmailOptions
{
    /// <summary>The sender address (<c>Email:From</c>).</summary>
    public string From { get; set; } = "TimeTracker <no-reply@timetracker.local>";

    /// <summary>The SMTP server; when its host is not set, emails are written to the log instead.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// Development only (<c>Email:LogLinks</c>): while no SMTP server is set, write the emails' links, tokens included,
    /// to the log. Off, the log shows that a link was sent but not the link, which would let anyone who reads the
    /// log verify, reset or accept in the recipient's place.
    /// </summary>
    public bool LogLinks { get; set; }
}
