using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Tracking.Invoices;

/// <summary>An invoice of the organization, with its lines and how many time entries it holds.</summary>
internal sealed record InvoiceResponse(
    long Id, string Number, long ClientId,
    [property: AllowedValues(InvoiceStatus.Draft, InvoiceStatus.Issued, InvoiceStatus.Paid, InvoiceStatus.Void)] string Status, DateOnly? PeriodStart,
        DateOnly? PeriodEnd, DateOnly? IssuedOn, DateOnly? DueOn,
    decimal Total, string Currency, int EntryCount, IReadOnlyList<InvoiceItemResponse> Items,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? VoidedAt);
