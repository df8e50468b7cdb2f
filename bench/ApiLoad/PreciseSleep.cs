using System.Runtime.InteropServices;

namespace ApiLoad;

/// <summary>
/// A sleep to the microsecond: <c>Thread.Sleep</c> and <c>Task.Delay</c> count whole milliseconds, too coarse
/// for a schedule of one request every 2 ms. On Linux this is <c>nanosleep(2)</c>; elsewhere it falls back to
/// <c>Thread.Sleep</c>.
/// </summary>
internal static partial class PreciseSleep
{
    /// <summary>Sleeps about <paramref name="wait"/> (a signal may end it early; callers loop until due).</summary>
    public static void For(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero)
            return;
        if (!OperatingSystem.IsLinux())
        {
            Thread.Sleep(wait);
            return;
        }
        var request = new TimeSpec(wait.Ticks / TimeSpan.TicksPerSecond, wait.Ticks % TimeSpan.TicksPerSecond * 100);
        _ = NanoSleep(in request, IntPtr.Zero);
    }

    [LibraryImport("libc", EntryPoint = "nanosleep")]
    private static partial int NanoSleep(in TimeSpec request, IntPtr remaining);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TimeSpec(long Seconds, long Nanoseconds);
}
