namespace Waymark.Linting;

/// <summary>
/// Roughly how long work under a lock lasts at a table's size: by its bytes where the database says (PostgreSQL), else by
/// its rows. The rates are an order of magnitude for a server with SSDs, not a measurement of yours: a table that takes a
/// second here takes seconds there, never milliseconds.
/// </summary>
internal static class WorkEstimate
{
    private const double ScanBytesPerSecond = 500e6;
    private const double IndexBuildBytesPerSecond = 50e6;
    private const double RewriteBytesPerSecond = 100e6;
    private const double ScanRowsPerSecond = 5e6;
    private const double IndexBuildRowsPerSecond = 500e3;
    private const double RewriteRowsPerSecond = 300e3;

    public static TimeSpan? Of(LockedWork work, TableSize? size)
    {
        if (work == LockedWork.None || size is null)
            return null;
        var (bytesRate, rowsRate) = work switch
        {
            LockedWork.Scan => (ScanBytesPerSecond, ScanRowsPerSecond),
            LockedWork.IndexBuild => (IndexBuildBytesPerSecond, IndexBuildRowsPerSecond),
            _ => (RewriteBytesPerSecond, RewriteRowsPerSecond),
        };
        var seconds = size.Bytes is { } bytes ? bytes / bytesRate : size.Rows / rowsRate;
        return TimeSpan.FromSeconds(seconds);
    }
}
