namespace TimeTracker.Tracking.Invoices;

/// <summary>One line of an invoice: a project's hours at one rate, in cents.</summary>
internal sealed record InvoiceItem(long Id, long? ProjectId, string Description, decimal Quantity, decimal UnitPrice, decimal Amount);
