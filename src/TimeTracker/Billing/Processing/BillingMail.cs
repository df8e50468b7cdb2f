using System.Globalization;
using Microsoft.Extensions.Options;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Site;

namespace TimeTracker.Billing.Processing;

/// <summary>
/// Billing emails to an organization's owners, written while an event is applied and sent by the processor
/// before the event's transaction commits: when sending fails, the event fails and is retried, so an email is
/// sent at least once (twice only if the worker dies between sending and committing).
/// </summary>
internal sealed class BillingMail(IOptions<SiteOptions> site)
{
    /// <summary>Adds to <paramref name="outbox"/> the owners' emails about a payment that failed, or that the bank
    /// wants the customer to confirm.</summary>
    public Task PaymentProblemAsync(DbSession session, long organizationId, string organizationName, InvoiceNotice invoice, bool actionRequired,
        ICollection<EmailMessage> outbox, CancellationToken cancellationToken)
    {
        var amount = invoice.Amount is { } text ? $"of {text} " : "";
        var where = invoice.HostedInvoiceUrl ?? $"{PublicUrl}/orgs/{organizationId}/billing";
        var organization = Named(organizationName);
        // Subjects hold no user-written text (see Named).
        var (subject, body) = actionRequired
            ? ("Confirm a payment for your organization on TimeTracker",
               $"the payment {amount}for the TimeTracker subscription of {organization} needs your confirmation (your bank asks for it). " +
               $"Confirm it here:\n\n{where}\n")
            : ("Payment failed for your organization on TimeTracker",
               $"we could not collect the payment {amount}for the TimeTracker subscription of {organization}. Stripe will try again; " +
               $"to avoid an interruption, check or update the payment method here:\n\n{where}\n");
        return ToOwnersAsync(session, organizationId, subject, body, outbox, cancellationToken);
    }

    /// <summary>Adds to <paramref name="outbox"/> the owners' emails saying a trial ends soon (Stripe sends
    /// <c>trial_will_end</c> three days before).</summary>
    public Task TrialEndingAsync(DbSession session, long organizationId, string organizationName, DateTimeOffset trialEnd,
        ICollection<EmailMessage> outbox, CancellationToken cancellationToken) =>
        ToOwnersAsync(session, organizationId,
            $"Your organization's TimeTracker trial ends on {trialEnd.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}",
            $"the trial of {Named(organizationName)} on TimeTracker ends on " +
            $"{trialEnd.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture)}. " +
            $"To keep tracking time without interruption, add a payment method here:\n\n{PublicUrl}/orgs/{organizationId}/billing\n", outbox,
            cancellationToken);

    // An organization's name is written by its owners: it is quoted as a name in the body and kept out of subjects,
    // so that the emails cannot carry someone's text as ours.
    private static string Named(string organizationName) => $"your organization named {QuotedName.Of(organizationName)}";

    private string PublicUrl => site.Value.BaseUrl;

    private static async Task ToOwnersAsync(DbSession session, long organizationId, string subject, string body,
        ICollection<EmailMessage> outbox, CancellationToken cancellationToken)
    {
        var owners = await session.QueryAsync(
            "SELECT u.email, u.name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = @org AND m.role = 'owner' " +
            "ORDER BY u.id",
            r => (Email: r.String("email"), Name: r.String("name")), cancellationToken, ("org", organizationId));
        foreach (var owner in owners)
            outbox.Add(new EmailMessage(owner.Email, subject, $"Hello {owner.Name},\n\n{body}"));
    }
}
