namespace TimeTracker.Email;

/// <summary>Delivers an email (SMTP in production, the log by default).</summary>
internal interface IEmailSender
{
    /// <summary>Delivers <paramref name="message"/>, or throws when it could not be handed over.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
