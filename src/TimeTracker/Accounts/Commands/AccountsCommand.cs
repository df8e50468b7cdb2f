using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Hosting;
using Waymark.Cli;

namespace TimeTracker.Accounts.Commands;

/// <summary>
/// <c>timetracker accounts …</c>: account housekeeping for operators. <c>cleanup</c> deletes ended sign-ins and
/// used or expired email links; run it from a scheduler (cron, a Kubernetes CronJob), as every refresh adds a row.
/// Exit codes: 0 done, 1 failed, 2 bad usage.
/// </summary>
internal static class AccountsCommand
{
    public static Command Create(ILoggerFactory loggers)
    {
        var command = new Command("accounts", "Account housekeeping: clean up ended sign-ins and email links.");
        var context = new OperatorCommands(command, loggers);
        command.Subcommands.Add(Cleanup(context));
        return command;
    }

    private static Command Cleanup(OperatorCommands context)
    {
        var olderThan = AgeOption.OlderThan(
            "Delete sign-ins whose every refresh token ended (rotated, revoked or expired), and email links used or expired, longer ago than this.");
        var command = new Command("cleanup", "Delete ended sign-ins (refresh-token families) and used or expired email links. " +
            "A sign-in with a live token is kept whole.") { olderThan };
        return context.Define(command, async (parse, services, output, cancellationToken) =>
        {
            var result = await services.GetRequiredService<TokenCleanup>().CleanupAsync(parse.GetValue(olderThan), cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Deleted {result.RefreshTokens} refresh token(s) of ended sign-ins and {result.EmailTokens} email link(s), " +
                $"all ended before {result.Before:yyyy-MM-dd HH:mm:ss} UTC."));
            return ExitCodes.Success;
        });
    }
}
