namespace TimeTracker.Tracking.Invoices;

/// <summary>An invoice of the organization, with its lines and how many time entries it holds.</summary>
internal sealed record Invoice(
    long Id, string Number, long ClientId, string Status, DateOnly? PeriodStart, DateOnly? PeriodEnd, DateOnly? IssuedOn, DateOnly? DueOn,
    decimal Total, string Currency, int EntryCount, IReadOnlyList<InvoiceItem> Items,
    DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, DateTimeOffset? VoidedAt);
