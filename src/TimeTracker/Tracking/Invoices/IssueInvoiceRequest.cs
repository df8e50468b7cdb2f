using System.ComponentModel.DataAnnotations;

namespace TimeTracker.Tracking.Invoices;

/// <summary>The optional body of <c>POST …/invoices/{id}/issue</c>: the issue date (today in the caller's time zone by
/// default) and the due date (30 days later by default).</summary>
internal sealed record IssueInvoiceRequest(
    [property: DataType(DataType.Date)] string? IssuedOn = null, [property: DataType(DataType.Date)] string? DueOn = null);
