using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TimeTracker.Billing.Processing;

/// <summary>
/// The processing loops inside <c>serve</c> (<c>Billing:Workers</c> of them): each processes batches while events
/// are due, then waits for a new delivery or the poll interval (retries coming due, events other replicas stored).
/// Loops and replicas share the queue; <c>Billing:WorkerEnabled=false</c> leaves a replica receiving only.
/// </summary>
internal sealed class StripeEventWorker(
    StripeEventProcessor processor, EventArrivals arrivals, IOptions<BillingOptions> options, TimeProvider time, ILogger<StripeEventWorker> logger)
        : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.WorkerEnabled
            ? Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => LoopAsync(stoppingToken)))
            : Task.CompletedTask;

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Yield at once: the host's start-up must not wait for a first batch.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var batch = ProcessingResult.None;
            try
            {
                batch = await processor.ProcessBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database outage must not end the worker: it logs and tries again after the poll interval.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.StripeEventBatchFailed(logger, ex);
            }
            if (batch.Claimed < settings.BatchSize)
                await arrivals.WaitAsync(settings.PollInterval, time, stoppingToken);
        }
    }
}
