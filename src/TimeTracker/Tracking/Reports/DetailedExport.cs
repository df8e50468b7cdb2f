namespace TimeTracker.Tracking.Reports;

/// <summary>A whole detailed report, read page by page as it is enumerated (for CSV): the days it covers and its entries.</summary>
internal sealed record DetailedExport(DateOnly From, DateOnly To, IAsyncEnumerable<DetailedEntry> Entries);
