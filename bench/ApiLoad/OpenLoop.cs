using System.Collections.Concurrent;
using System.Diagnostics;

namespace ApiLoad;

/// <summary>
/// An open loop: requests start on a schedule whatever the answers (as independent users or Stripe send them),
/// at most N at once; a request's latency counts from its scheduled start, so queueing shows. The schedule is
/// evenly spaced, or random (a Poisson process of the same mean rate, as many independent users make: requests
/// then sometimes bunch up, and the latency shows that too).
/// </summary>
/// <remarks>
/// The schedule is kept by a thread of its own that sleeps to each start with nanosecond sleeps: a loop of
/// <c>Task.Delay(1)</c> woke 1–2 ms late, and since latency counts from the schedule, that lateness was measured
/// as if it were the server's. What lateness remains (the thread's wake-up, the hand-over to the thread pool,
/// the wait for one of the N) is reported beside the results.
/// </remarks>
internal static class OpenLoop
{
    /// <summary>
    /// Every request's latency (ms), how many failed, how long the run took, and how late each request actually
    /// started (ms); the operation gets the request's number. With <paramref name="randomArrivals"/> the gaps
    /// between starts are drawn from an exponential distribution (seeded, so every run draws the same schedule).
    /// </summary>
    public static async Task<(List<double> Latencies, int Failures, TimeSpan Elapsed, List<double> StartedLate)> RunAsync(
        int maxOpen, Func<int, Task<bool>> operation, double perSecond, TimeSpan length, bool randomArrivals = false)
    {
        var gaps = new Random(20261124);
        var latencies = new ConcurrentBag<double>();
        var startedLate = new ConcurrentBag<double>();
        var failed = 0;
        using var open = new SemaphoreSlim(maxOpen);
        var running = new ConcurrentQueue<Task>();
        var clock = Stopwatch.StartNew();
        var total = (long)(perSecond * length.TotalSeconds);
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Thread(() =>
        {
            var next = 0.0;
            for (long sent = 0; sent < total; sent++)
            {
                var due = randomArrivals ? next : sent / perSecond;
                next += -Math.Log(1 - gaps.NextDouble()) / perSecond;
                for (var wait = due - clock.Elapsed.TotalSeconds; wait > 0; wait = due - clock.Elapsed.TotalSeconds)
                    PreciseSleep.For(TimeSpan.FromSeconds(wait));
                var number = (int)sent;
                running.Enqueue(Task.Run(async () =>
                {
                    await open.WaitAsync();
                    startedLate.Add((clock.Elapsed.TotalSeconds - due) * 1000);
                    try
                    {
                        if (!await operation(number))
                            Interlocked.Increment(ref failed);
                    }
                    finally
                    {
                        open.Release();
                    }
                    latencies.Add((clock.Elapsed.TotalSeconds - due) * 1000);
                }));
            }
            scheduled.SetResult();
        })
        { IsBackground = true, Name = "open-loop schedule" };
        scheduler.Start();
        await scheduled.Task;
        await Task.WhenAll(running);
        return ([.. latencies], failed, clock.Elapsed, [.. startedLate]);
    }
}
