using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using TimeTracker.Accounts;
using TimeTracker.Database;
using TimeTracker.Email;

namespace TimeTracker.Billing.Processing;

/// <summary>
/// Billing emails to an organization's owners. They are sent inside the event's processing transaction: when
/// sending fails, the event fails and is retried, so an email is sent at least once (twice only if the worker
/// dies between sending and committing).
/// </summary>
internal sealed class BillingMail(IEmailSender sender, IOptions<AccountOptions> accounts)
{
    /// <summary>A payment failed, or the bank wants the customer to confirm it.</summary>
    public Task PaymentProblemAsync(DbConnection connection, DbTransaction transaction, OrganizationBillingState organization, InvoiceNotice invoice, bool actionRequired, CancellationToken cancellationToken)
    {
        var amount = invoice.Amount is { } text ? $"of {text} " : "";
        var where = invoice.HostedInvoiceUrl ?? $"{PublicUrl}/orgs/{organization.Id}/billing";
        var (subject, body) = actionRequired
            ? ($"Confirm the payment for {organization.Name} on TimeTracker",
               $"the payment {amount}for {organization.Name}'s TimeTracker subscription needs your confirmation (your bank asks for it). Confirm it here:\n\n{where}\n")
            : ($"Payment failed for {organization.Name} on TimeTracker",
               $"we could not collect the payment {amount}for {organization.Name}'s TimeTracker subscription. Stripe will try again; " +
               $"to avoid an interruption, check or update the payment method here:\n\n{where}\n");
        return SendToOwnersAsync(connection, transaction, organization.Id, subject, body, cancellationToken);
    }

    /// <summary>A trial ends soon (Stripe sends <c>trial_will_end</c> three days before).</summary>
    public Task TrialEndingAsync(DbConnection connection, DbTransaction transaction, OrganizationBillingState organization, DateTimeOffset trialEnd, CancellationToken cancellationToken) =>
        SendToOwnersAsync(connection, transaction, organization.Id, $"{organization.Name}'s TimeTracker trial ends on {trialEnd.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}",
            $"the trial of {organization.Name} on TimeTracker ends on {trialEnd.ToString("d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture)}. " +
            $"To keep tracking time without interruption, add a payment method here:\n\n{PublicUrl}/orgs/{organization.Id}/billing\n", cancellationToken);

    private string PublicUrl => accounts.Value.PublicUrl.TrimEnd('/');

    private async Task SendToOwnersAsync(DbConnection connection, DbTransaction transaction, long organizationId, string subject, string body, CancellationToken cancellationToken)
    {
        var owners = await connection.QueryAsync(transaction,
            "SELECT u.email, u.name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.organization_id = @org AND m.role = 'owner' ORDER BY u.id",
            r => (Email: r.GetString(0), Name: r.GetString(1)), cancellationToken, ("org", organizationId)).ConfigureAwait(false);
        foreach (var owner in owners)
            await sender.SendAsync(new EmailMessage(owner.Email, subject, $"Hello {owner.Name},\n\n{body}"), cancellationToken).ConfigureAwait(false);
    }
}
