using System.ComponentModel.DataAnnotations;
using TimeTracker.Billing.Events;

namespace TimeTracker.Web.Contracts.Billing;

/// <summary>The answer to a webhook delivery: the event is stored (now or by an earlier delivery).</summary>
/// <param name="EventId">Stripe's event id.</param>
/// <param name="Status">The stored event's status on arrival: <c>pending</c>, or <c>ignored</c> for a type TimeTracker does not act on.</param>
/// <param name="Duplicate">Whether an earlier delivery already stored this event (this one changed nothing).</param>
internal sealed record WebhookReceipt(string EventId, [property: AllowedValues(
    EventStatus.Pending, EventStatus.Processing, EventStatus.Processed, EventStatus.Failed, EventStatus.Ignored)] string Status, bool Duplicate)
{
    /// <summary>The response describing <paramref name="receipt"/>.</summary>
    public static WebhookReceipt Of(InboxReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new(receipt.EventId, receipt.Status, receipt.Duplicate);
    }
}
