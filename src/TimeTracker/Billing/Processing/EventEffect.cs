using TimeTracker.Email;

namespace TimeTracker.Billing.Processing;

/// <summary>What applying one event did: the organization it concerned, if one, and the emails to send before committing.</summary>
internal sealed record EventEffect(long? OrganizationId, IReadOnlyList<EmailMessage> Emails);
