using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TimeTracker.Tracking.Timers;

/// <summary>
/// The forgotten-timer loop inside <c>serve</c>: a pass (<see cref="ForgottenTimers.RunAsync"/>) at start-up, then one
/// every <c>Timers:WorkerInterval</c>. Replicas running it share the work; <c>Timers:WorkerEnabled=false</c> turns it off.
/// </summary>
internal sealed class ForgottenTimerWorker(
    ForgottenTimers timers, IOptions<TimerOptions> options, TimeProvider time, ILogger<ForgottenTimerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
            return;
        // Yield at once: the host's start-up must not wait for a first pass.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timers.RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database outage must not end the worker: it logs and tries again after the interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ForgottenTimerPassFailed(logger, ex);
            }
            try
            {
                await Task.Delay(options.Value.WorkerInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
