namespace TimeTracker.Tracking.Invoices;

/// <summary>
/// An invoice's life, as <c>invoices.status</c> stores it: a <c>draft</c> holds its entries; issuing sends it
/// (<c>issued</c>), payment closes it (<c>paid</c>); a draft or issued invoice can be voided (<c>void</c>), which
/// releases its entries. A voided invoice keeps its number, so numbers have no gaps.
/// </summary>
internal static class InvoiceStatus
{
    public const string Draft = "draft";
    public const string Issued = "issued";
    public const string Paid = "paid";
    public const string Void = "void";

    /// <summary>Every status.</summary>
    public static IReadOnlyList<string> All { get; } = [Draft, Issued, Paid, Void];
}
