namespace TimeTracker.Tracking.Invoices;

/// <summary>One line of an invoice: a project's hours at one rate (<c>amount</c> = <c>quantity</c> × <c>unitPrice</c>, in cents).</summary>
internal sealed record InvoiceItemResponse(long Id, long? ProjectId, string Description, decimal Quantity, decimal UnitPrice, decimal Amount);
