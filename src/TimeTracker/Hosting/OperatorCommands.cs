using System.CommandLine;
using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Accounts;
using TimeTracker.Accounts.Tokens;
using TimeTracker.Billing;
using TimeTracker.Database;
using TimeTracker.Email;
using TimeTracker.Site;
using Waymark;
using Waymark.Cli;
using Waymark.Configuration;

namespace TimeTracker.Hosting;

/// <summary>
/// What every operator command group (<c>events …</c>, <c>accounts …</c>) shares: a <c>--database</c> option, the
/// app's services on that database with configuration from appsettings.json and the environment (as for
/// <c>serve</c>), a check that the schema is at head, and the mapping of failures to exit codes (0 done, 1 failed,
/// 2 bad usage, 130 interrupted).
/// </summary>
internal sealed class OperatorCommands
{
    private readonly Option<string?> _database = new("--database", "-d")
    {
        Description = "The database URL (default: the DATABASE_URL setting, else sqlite:///timetracker.db).",
        Recursive = true,
    };

    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    /// <summary>Adds the <c>--database</c> option to <paramref name="group"/>, whose subcommands are then made with <see cref="Define"/>.</summary>
    public OperatorCommands(Command group, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(loggers);
        group.Options.Add(_database);
        _loggers = loggers;
        _logger = loggers.CreateLogger("TimeTracker." + group.Name);
    }

    /// <summary>Gives <paramref name="command"/> an action that runs <paramref name="action"/> with the services, once
    /// the schema is found at head.</summary>
    public Command Define(Command command, Func<ParseResult, IServiceProvider, TextWriter, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var services = Services(parse.GetValue(_database));
                await using (services)
                {
                    var schema = new SchemaStatus(services.GetRequiredService<AppDatabase>());
                    var current = await schema.CurrentAsync(cancellationToken);
                    if (!schema.IsAtHead(current))
                        return await FailAsync(parse, $"the database is at {SchemaStatus.Describe(current)}, " +
                            $"but this build needs {string.Join(", ", schema.Heads)} (head). Run 'timetracker db upgrade' first.");
                    return await action(parse, services, parse.InvocationConfiguration.Output, cancellationToken);
                }
            }
            catch (InvalidDatabaseUrlException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.Usage;
            }
            catch (Exception ex) when (ex is DbException or WaymarkException)
            {
                _logger.LogError(ex, "{Command} failed", parse.CommandResult.Command.Name);
                return await FailAsync(parse, ex is DbException ? $"the database reported: {ex.Message}" : ex.Message);
            }
            catch (OperationCanceledException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("interrupted");
                return ExitCodes.Interrupted;
            }
        });
        return command;
    }

    /// <summary>Writes <paramref name="message"/> as an error and answers exit code 1.</summary>
    public static async Task<int> FailAsync(ParseResult parse, string message)
    {
        ArgumentNullException.ThrowIfNull(parse);
        await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + message);
        return ExitCodes.Failure;
    }

    private ServiceProvider Services(string? databaseUrl)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var url = databaseUrl ?? configuration["DATABASE_URL"];
        var database = new AppDatabase(string.IsNullOrWhiteSpace(url) ? TimeTrackerDatabase.DefaultUrl : url);
        var services = new ServiceCollection();
        services.AddSingleton(_loggers);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => database);
        services.AddSite(configuration);
        services.Configure<AccountOptions>(configuration.GetSection("Accounts"));
        services.AddEmail(configuration);
        services.AddBilling(configuration);
        services.AddSingleton<TokenCleanup>();
        return services.BuildServiceProvider();
    }
}
