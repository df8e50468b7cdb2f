using System.Diagnostics;

namespace ApiLoad;

/// <summary>
/// A closed loop: each of N clients sends its next request when its last one is answered, for a fixed time.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Every request's latency (ms), how many failed, and how long the run took.</summary>
    public static async Task<(List<double> Latencies, int Failures, TimeSpan Elapsed)> RunAsync(int clients, Func<int, Task<bool>> operation, TimeSpan length)
    {
        var all = new List<double>[clients];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = all[client] = [];
            while (clock.Elapsed < length)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await operation(client);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                    Interlocked.Increment(ref failed);
            }
        }));
        return ([.. all.SelectMany(l => l)], failed, clock.Elapsed);
    }
}
