using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Billing.Events;
using TimeTracker.Billing.Processing;
using TimeTracker.Hosting;
using Waymark.Cli;

namespace TimeTracker.Billing.Commands;

/// <summary>
/// <c>timetracker events …</c>: the stored Stripe events, for operators. <c>list</c>, <c>show</c>, <c>retry</c>,
/// <c>cleanup</c> and <c>process</c> (a one-shot drain, the same processing as <c>serve</c>'s worker). Configuration
/// comes from appsettings.json and environment variables, as for <c>serve</c>. Exit codes: 0 done, 1 failed (or,
/// for <c>process</c>, some event failed), 2 bad usage.
/// </summary>
internal static class EventsCommand
{
    public static Command Create(ILoggerFactory loggers)
    {
        var command = new Command("events", "Stripe webhook events: list, show, retry, clean up, process.");
        var context = new OperatorCommands(command, loggers);
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Retry(context));
        command.Subcommands.Add(Cleanup(context));
        command.Subcommands.Add(Process(context));
        return command;
    }

    private static Command List(OperatorCommands context)
    {
        var status = new Option<string?>("--status") { Description = $"Only events in this status ({string.Join(", ", EventStatus.All)})." };
        status.AcceptOnlyFromAmong([.. EventStatus.All]);
        var type = new Option<string?>("--type") { Description = "Only events of this type, e.g. invoice.payment_failed." };
        var organization = new Option<long?>("--org") { Description = "Only events of this organization id." };
        var limit = new Option<int>("--limit") { Description = "At most this many, newest first (default 100).", DefaultValueFactory = _ => 100 };
        limit.Validators.Add(result => { if (result.GetValueOrDefault<int>() < 1) result.AddError("--limit must be 1 or more."); });
        var json = new Option<bool>("--json") { Description = "Write JSON instead of a table." };
        var command = new Command("list", "List stored events, newest first.") { status, type, organization, limit, json };
        return context.Define(command, async (parse, services, output, cancellationToken) =>
        {
            var events = await services.GetRequiredService<EventAdministration>().ListAsync(
                new EventFilter(parse.GetValue(status), parse.GetValue(type), parse.GetValue(organization), parse.GetValue(limit)),
                    cancellationToken);
            if (parse.GetValue(json))
                await output.WriteLineAsync(JsonSerializer.Serialize(events, EventsJsonContext.Default.IReadOnlyListStoredEvent));
            else
                await output.WriteAsync(Table(events));
            return ExitCodes.Success;
        });
    }

    private static Command Show(OperatorCommands context)
    {
        var id = new Argument<string>("id") { Description = "The event's row id (from 'events list') or Stripe's event id (evt_…)." };
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text." };
        var command = new Command("show", "Show one event: status, attempts, last error and payload.") { id, json };
        return context.Define(command, async (parse, services, output, cancellationToken) =>
        {
            var stored = await services.GetRequiredService<EventAdministration>().FindAsync(parse.GetValue(id)!, cancellationToken);
            if (stored is null)
                return await OperatorCommands.FailAsync(
                    parse, $"no stored event has the id '{parse.GetValue(id)}'. 'timetracker events list' shows the stored ones.");
            await output.WriteLineAsync(
                parse.GetValue(json) ? JsonSerializer.Serialize(stored, EventsJsonContext.Default.StoredEvent) : Describe(stored));
            return ExitCodes.Success;
        });
    }

    private static Command Retry(OperatorCommands context)
    {
        var id = new Argument<string?>("id") { Description = "The failed event to retry (row id or evt_… id).", Arity = ArgumentArity.ZeroOrOne };
        var failed = new Option<bool>("--failed") { Description = "Retry every failed event." };
        var command = new Command("retry", "Make failed events due now, with their attempts counted afresh.") { id, failed };
        command.Validators.Add(result =>
        {
            var hasId = result.GetValue(id) is not null;
            if (hasId == result.GetValue(failed))
                result.AddError(
                    hasId ? "Give an event id or --failed, not both." : "Say which event to retry (an id), or --failed for every failed one.");
        });
        return context.Define(command, async (parse, services, output, cancellationToken) =>
        {
            var administration = services.GetRequiredService<EventAdministration>();
            var which = parse.GetValue(id);
            var count = await administration.RetryAsync(which, cancellationToken);
            if (which is not null && count == 0)
            {
                var stored = await administration.FindAsync(which, cancellationToken);
                return await OperatorCommands.FailAsync(parse, stored is null
                    ? $"no stored event has the id '{which}'."
                    : $"event {stored.Id} ({stored.StripeEventId}) is {stored.Status}; only failed events can be retried.");
            }
            await output.WriteLineAsync(
                $"{count} failed event(s) are due again now; the worker in 'serve' or 'timetracker events process' will take them.");
            return ExitCodes.Success;
        });
    }

    private static Command Cleanup(OperatorCommands context)
    {
        var olderThan = AgeOption.OlderThan("Delete finished events received longer ago than this.");
        var includeFailed = new Option<bool>("--include-failed") {
            Description = "Delete failed events too (by default they stay for a person to look at)." };
        var command = new Command("cleanup", "Delete old processed and ignored events (failed ones too with --include-failed); pending ones never.") {
            olderThan, includeFailed };
        return context.Define(command, async (parse, services, output, cancellationToken) =>
        {
            var age = parse.GetValue(olderThan);
            var withFailed = parse.GetValue(includeFailed);
            var deleted = await services.GetRequiredService<EventAdministration>().CleanupAsync(age, withFailed, cancellationToken);
            var before = services.GetRequiredService<TimeProvider>().GetUtcNow() - age;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Deleted {deleted} event(s) ({(withFailed ? "processed, ignored and failed" : "processed and ignored")}) received before " +
                $"{before:yyyy-MM-dd HH:mm:ss} UTC."));
            return ExitCodes.Success;
        });
    }

    private static Command Process(OperatorCommands context)
    {
        var command = new Command("process", "Process every due event now (what the worker in 'serve' does), then stop. Exit 1 when any failed.");
        return context.Define(command, async (parse, services, output, cancellationToken) =>
        {
            var result = await services.GetRequiredService<StripeEventProcessor>().DrainAsync(cancellationToken);
            await output.WriteLineAsync(
                $"Processed {result.Claimed} event(s): {result.Processed} applied, {result.Failed} failed, " +
                $"{result.Lost} taken over by another worker.");
            if (result.Failed == 0)
                return ExitCodes.Success;
            return await OperatorCommands.FailAsync(
                parse, $"{result.Failed} event(s) failed; 'timetracker events list --status failed' shows them and their errors.");
        });
    }

    private static string Table(IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0)
            return "No stored events match.\n";
        string[] header = ["ID", "STRIPE EVENT", "TYPE", "STATUS", "ATTEMPTS", "ORG", "RECEIVED (UTC)", "NEXT ATTEMPT (UTC)"];
        var rows = events.Select(e => new[]
        {
            e.Id.ToString(CultureInfo.InvariantCulture), e.StripeEventId, e.Type, e.Status, e.Attempts.ToString(CultureInfo.InvariantCulture),
            e.OrganizationId?.ToString(CultureInfo.InvariantCulture) ?? "-", Time(e.ReceivedAt), e.NextAttemptAt is { } next ? Time(next) : "-",
        }).Prepend(header).ToList();
        var widths = header.Select((_, column) => rows.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.AppendLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        return text.ToString();
    }

    private static string Describe(StoredEvent e)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Event {e.Id}: {e.StripeEventId} ({e.Type})");
        text.AppendLine(CultureInfo.InvariantCulture, $"  status:        {e.Status}, {e.Attempts} attempt(s)");
        text.AppendLine(
            CultureInfo.InvariantCulture, $"  organization:  {e.OrganizationId?.ToString(CultureInfo.InvariantCulture) ?? "(none known)"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  created:       {(e.StripeCreatedAt is { } created ? Time(created) : "-")} (Stripe)");
        text.AppendLine(CultureInfo.InvariantCulture, $"  received:      {Time(e.ReceivedAt)}");
        if (e.ProcessedAt is { } processed)
            text.AppendLine(CultureInfo.InvariantCulture, $"  processed:     {Time(processed)}");
        if (e.NextAttemptAt is { } next)
            text.AppendLine(
                CultureInfo.InvariantCulture, $"  {(e.Status == EventStatus.Processing ? "lease ends:   " : "next attempt: ")} {Time(next)}");
        if (e.LastError is { } error)
            text.AppendLine(CultureInfo.InvariantCulture, $"  last error:    {error}");
        text.AppendLine("  payload:");
        using (var document = JsonDocument.Parse(e.Payload ?? "null"))
            text.Append(JsonSerializer.Serialize(document.RootElement, EventsJsonContext.Default.JsonElement));
        return text.ToString();
    }

    private static string Time(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
