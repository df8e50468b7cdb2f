namespace TimeTracker.Tracking.Invoices;

/// <summary>The dates to issue a draft with, as asked (validated by <see cref="Invoicing.IssueAsync"/>); both optional.</summary>
internal sealed record InvoiceIssue(string? IssuedOn, string? DueOn)
{
    /// <summary>Issued today, due 30 days later.</summary>
    public static InvoiceIssue Defaults { get; } = new(null, null);
}
