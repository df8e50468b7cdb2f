namespace TimeTracker.Tracking.Invoices;

/// <summary>An invoice to draft, as asked (validated by <see cref="Invoicing.CreateAsync"/>): dates as ISO 8601 text.</summary>
internal sealed record NewInvoice(long? ClientId, string? From, string? To, string? Currency);
