using TimeTracker.Tracking.Invoices;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>One line of an invoice: a project's hours at one rate (<c>amount</c> = <c>quantity</c> × <c>unitPrice</c>, in cents).</summary>
internal sealed record InvoiceItemResponse(long Id, long? ProjectId, string Description, decimal Quantity, decimal UnitPrice, decimal Amount)
{
    /// <summary>The response describing <paramref name="item"/>.</summary>
    public static InvoiceItemResponse Of(InvoiceItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new(item.Id, item.ProjectId, item.Description, item.Quantity, item.UnitPrice, item.Amount);
    }
}
