using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TimeTracker.Background;

namespace TimeTracker.Hosting;

/// <summary>Runs <see cref="BackgroundWork"/> one item at a time; on shutdown it finishes what was queued.</summary>
internal sealed class BackgroundWorkRunner(BackgroundWork work, IServiceScopeFactory scopes, ILogger<BackgroundWorkRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Items queued before shutdown still run (an email promised in a response is sent), with their own token.
        await foreach (var item in work.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope)
                    await item(scope.ServiceProvider, CancellationToken.None);
            }
#pragma warning disable CA1031 // One failed item (an SMTP server down) must not stop the items after it; it is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.BackgroundTaskFailed(logger, ex);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        work.Complete();
        await base.StopAsync(cancellationToken);
    }
}
