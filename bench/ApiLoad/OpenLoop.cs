using System.Diagnostics;

namespace ApiLoad;

/// <summary>
/// An open loop: requests start on a fixed schedule whatever the answers (as independent users or Stripe send
/// them), at most N at once; a request's latency counts from its scheduled start, so queueing shows.
/// </summary>
internal static class OpenLoop
{
    /// <summary>Every request's latency (ms), how many failed, and how long the run took; the operation gets the request's number.</summary>
    public static async Task<(List<double> Latencies, int Failures, TimeSpan Elapsed)> RunAsync(int maxOpen, Func<int, Task<bool>> operation, double perSecond, TimeSpan length)
    {
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var failed = 0;
        using var open = new SemaphoreSlim(maxOpen);
        var running = new List<Task>();
        var clock = Stopwatch.StartNew();
        var total = (long)(perSecond * length.TotalSeconds);
        for (long sent = 0; sent < total;)
        {
            // Every request whose start time has come goes now; a late start still counts from its scheduled time.
            for (; sent < total && sent / perSecond <= clock.Elapsed.TotalSeconds; sent++)
            {
                var scheduled = sent / perSecond;
                var number = (int)sent;
                running.Add(Task.Run(async () =>
                {
                    await open.WaitAsync();
                    try
                    {
                        if (!await operation(number))
                            Interlocked.Increment(ref failed);
                    }
                    finally
                    {
                        open.Release();
                    }
                    latencies.Add((clock.Elapsed.TotalSeconds - scheduled) * 1000);
                }));
            }
            await Task.Delay(1);
        }
        await Task.WhenAll(running);
        return ([.. latencies], failed, clock.Elapsed);
    }
}
