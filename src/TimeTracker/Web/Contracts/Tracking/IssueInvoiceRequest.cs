using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Invoices;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>The optional body of <c>POST …/invoices/{id}/issue</c>: the issue date (today in the caller's time zone by
/// default) and the due date (30 days later by default).</summary>
internal sealed record IssueInvoiceRequest(
    [property: DataType(DataType.Date)] string? IssuedOn = null, [property: DataType(DataType.Date)] string? DueOn = null)
{
    /// <summary>The command this body asks for; no body takes the defaults.</summary>
    public static InvoiceIssue ToCommand(IssueInvoiceRequest? request) =>
        request is null ? InvoiceIssue.Defaults : new(request.IssuedOn, request.DueOn);
}
