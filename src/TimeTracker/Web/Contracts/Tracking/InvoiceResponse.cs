using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Invoices;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// An invoice of the organization, with its lines and how many time entries it holds, and the client's name and email
/// (as the client has them now), for the invoice's header and lists.
/// </summary>
internal sealed record InvoiceResponse(
    long Id, string Number, long ClientId, string ClientName, string? ClientEmail,
    [property: AllowedValues(InvoiceStatus.Draft, InvoiceStatus.Issued, InvoiceStatus.Paid, InvoiceStatus.Void)] string Status, DateOnly? PeriodStart,
        DateOnly? PeriodEnd, DateOnly? IssuedOn, DateOnly? DueOn,
    decimal Total, string Currency, int EntryCount, IReadOnlyList<InvoiceItemResponse> Items,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? VoidedAt)
{
    /// <summary>The response describing <paramref name="invoice"/>.</summary>
    public static InvoiceResponse Of(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new(invoice.Id, invoice.Number, invoice.ClientId, invoice.ClientName, invoice.ClientEmail, invoice.Status, invoice.PeriodStart,
            invoice.PeriodEnd, invoice.IssuedOn, invoice.DueOn, invoice.Total, invoice.Currency, invoice.EntryCount,
            [.. invoice.Items.Select(InvoiceItemResponse.Of)], invoice.CreatedAt, invoice.PaidAt, invoice.VoidedAt);
    }
}
