namespace TimeTracker.Tracking.Invoices;

/// <summary>
/// An invoice of the organization, with its lines and how many time entries it holds; the client's name and email as
/// they are now (an invoice's header shows them, and the client cannot be deleted while an invoice refers to it).
/// </summary>
internal sealed record Invoice(
    long Id, string Number, long ClientId, string ClientName, string? ClientEmail, string Status,
    DateOnly? PeriodStart, DateOnly? PeriodEnd, DateOnly? IssuedOn, DateOnly? DueOn,
    decimal Total, string Currency, int EntryCount, IReadOnlyList<InvoiceItem> Items,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? VoidedAt);
