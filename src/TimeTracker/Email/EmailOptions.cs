namespace TimeTracker.Email;

/// <summary>The <c>Email</c> configuration section.</summary>
internal sealed class EmailOptions
{
    /// <summary>The sender address (<c>Email:From</c>).</summary>
    public string From { get; set; } = "TimeTracker <no-reply@timetracker.local>";

    /// <summary>The SMTP server; when its host is not set, emails are written to the log instead.</summary>
    public SmtpOptions Smtp { get; set; } = new();
}
