using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TimeTracker.Billing.Events;
using TimeTracker.Database;
using TimeTracker.Email;

namespace TimeTracker.Billing.Processing;

/// <summary>
/// Processes stored Stripe events: claims a batch of due events (a lease), then applies them in one transaction.
/// Marking events processed is fenced by their attempt numbers: a worker whose lease ran out, and whose events
/// were claimed again, rolls its work back instead of applying it twice. A batch is first tried whole, with one
/// statement marking it processed; if any event fails, a lease was lost, or an event calls for email, it is rolled
/// back and redone event by event, each under its own savepoint, so that a failing event rolls back only itself
/// and is recorded with its error and its next attempt.
/// </summary>
internal sealed class StripeEventProcessor(
    AppDatabase database, EventQueue queue, OrganizationBilling billing, IEmailSender email, IOptions<BillingOptions> options, TimeProvider time,
    ILogger<StripeEventProcessor> logger)
{
    private const string Savepoint = "stripe_event";
    private readonly RetrySchedule _retries = new(options.Value, Random.Shared);

    /// <summary>Claims and processes one batch of due events.</summary>
    public async Task<ProcessingResult> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await queue.ClaimAsync(settings.BatchSize, settings.LeaseDuration, settings.MaxAttempts, cancellationToken);
        if (claimed.Count == 0)
            return ProcessingResult.None;
        // A claimed batch is finished even when shutdown begins: abandoned, its events would wait out their lease.
        return await ProcessWholeAsync(claimed, CancellationToken.None)
            ?? await ProcessOneByOneAsync(claimed, CancellationToken.None);
    }

    /// <summary>Processes batches until nothing is due (<c>timetracker events process</c>).</summary>
    public async Task<ProcessingResult> DrainAsync(CancellationToken cancellationToken)
    {
        var total = ProcessingResult.None;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await ProcessBatchAsync(cancellationToken);
            total = total.Add(batch);
            // Failures retried within this run would come due again at once only with a zero retry delay.
            if (batch.Claimed < options.Value.BatchSize || batch.Processed == 0)
                break;
        }
        return total;
    }

    /// <summary>The common case: every event applies. Null when one did not (nothing of the attempt is kept).</summary>
    private async Task<ProcessingResult?> ProcessWholeAsync(IReadOnlyList<ClaimedEvent> claimed, CancellationToken cancellationToken)
    {
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            var done = new List<(ClaimedEvent, long?)>(claimed.Count);
            var emails = 0;
            try
            {
                foreach (var item in claimed)
                {
                    var effect = await billing.ApplyAsync(session, item, cancellationToken);
                    done.Add((item, effect.OrganizationId));
                    emails += effect.Emails.Count;
                }
                // Emails go out event by event, so that one that cannot be sent fails its own event and repeats no other's.
                if (emails > 0 || await queue.CompleteAllAsync(session, done, cancellationToken) != claimed.Count)
                    return null;
            }
#pragma warning disable CA1031 // Any failure sends the batch to the careful path, which records it on the event that caused it.
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                return null;
            }
            await session.CommitAsync(cancellationToken);
            return new ProcessingResult(claimed.Count, claimed.Count, 0, 0);
        }
    }

    private async Task<ProcessingResult> ProcessOneByOneAsync(IReadOnlyList<ClaimedEvent> claimed, CancellationToken cancellationToken)
    {
        int processed = 0, failed = 0, lost = 0;
        var session = await database.BeginAsync(cancellationToken);
        await using (session)
        {
            foreach (var item in claimed)
            {
                await session.SaveAsync(Savepoint, cancellationToken);
                string error;
                bool retryable;
                try
                {
                    var effect = await billing.ApplyAsync(session, item, cancellationToken);
                    if (await queue.CompleteAsync(session, item, effect.OrganizationId, cancellationToken))
                    {
                        await SendAsync(item, effect.Emails, cancellationToken);
                        await session.ReleaseAsync(Savepoint, cancellationToken);
                        processed++;
                    }
                    else
                    {
                        await session.RollbackToAsync(Savepoint, cancellationToken);
                        Log.StripeEventLeaseLost(logger, item.StripeEventId, item.Attempts);
                        lost++;
                    }
                    continue;
                }
                catch (BillingEventException ex)
                {
                    (error, retryable) = (ex.Message, ex.Retryable);
                }
#pragma warning disable CA1031 // Whatever one event throws (a malformed payload, a mail server down, a deadlock)
                // is recorded on it; the batch goes on.
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    (error, retryable) = ($"{ex.GetType().Name}: {ex.Message}", true);
                }
                await session.RollbackToAsync(Savepoint, cancellationToken);
                var retryAt = retryable ? _retries.NextAttempt(item.Attempts, time.GetUtcNow()) : null;
                if (await EventQueue.FailAsync(session, item, error, retryAt, cancellationToken))
                {
                    failed++;
                    Log.StripeEventFailed(logger, item.StripeEventId, item.Type, item.Attempts, retryAt, error);
                }
                else
                {
                    lost++;
                    Log.StripeEventLeaseLost(logger, item.StripeEventId, item.Attempts);
                }
            }
            await session.CommitAsync(cancellationToken);
        }
        return new ProcessingResult(claimed.Count, processed, failed, lost);
    }

    /// <summary>
    /// Sends an event's emails. When none can be handed over (the mail server is down) the event fails and is retried;
    /// when only some fail (one owner's address is refused) the others are not sent again on every retry: the
    /// failures are logged and the event counts as done.
    /// </summary>
    private async Task SendAsync(ClaimedEvent item, IReadOnlyList<EmailMessage> messages, CancellationToken cancellationToken)
    {
        Exception? last = null;
        var sent = 0;
        foreach (var message in messages)
        {
            try
            {
                await email.SendAsync(message, cancellationToken);
                sent++;
            }
#pragma warning disable CA1031 // Decided below, once every recipient was tried.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                last = ex;
                Log.StripeEventEmailFailed(logger, ex, item.StripeEventId, message.To);
            }
        }
        if (last is not null && sent == 0)
            throw new BillingEventException(
                $"No email for this event could be sent ({last.GetType().Name}: {last.Message}); it is tried again later.", retryable: true);
    }
}
