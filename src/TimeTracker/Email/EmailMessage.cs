namespace TimeTracker.Email;

/// <summary>One plain-text email to one recipient.</summary>
internal sealed record EmailMessage(string To, string Subject, string Body);
