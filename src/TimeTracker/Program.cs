using System.CommandLine;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using TimeTracker.Accounts.Commands;
using TimeTracker.Billing.Commands;
using TimeTracker.Database;
using TimeTracker.Hosting;
using TimeTracker.Logging;
using Waymark.Configuration;
using Waymark.Cli;

// Exit codes: 0 success, 1 the operation failed, 2 bad usage (see README).
var logLevel = new Option<LogLevel?>("--log-level")
{
    Description = "Also write log entries at this level or above to standard error (Debug shows every SQL statement).",
    Recursive = true,
};
var consoleLevel = LogLevel.None;
using var loggerFactory = LoggerFactory.Create(logging =>
{
    logging.SetMinimumLevel(LogLevel.Debug);
    logging.AddProvider(new FileLoggerProvider(Path.Combine("logs", "timetracker.log"), LogLevel.Debug, TimeProvider.System));
    // The console logger costs a thread and its start-up; only a run that asks for it pays for it.
    if (args.Contains("--log-level"))
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
            .AddFilter<ConsoleLoggerProvider>(level => level >= consoleLevel);
});

var root = new RootCommand("TimeTracker: time tracking for organizations, with a database that can always be trusted.");
root.Options.Add(logLevel);
root.Subcommands.Add(DatabaseCommandSet.Create(new WaymarkCliSettings
{
    LoadGraph = TimeTrackerDatabase.LoadGraph,
    Providers = TimeTrackerDatabase.Providers(),
    DefaultDatabaseUrl = TimeTrackerDatabase.DefaultUrl,
    MigrationsDirectory = TimeTrackerDatabase.MigrationsDirectory(),
    MigrationsNamespace = "TimeTracker.Migrations",
    LoggerFactory = loggerFactory,
    MigratorOptions = new() { ToolVersion = "timetracker " + typeof(TimeTrackerDatabase).Assembly.GetName().Version?.ToString(3) },
}));

root.Subcommands.Add(EventsCommand.Create(loggerFactory));
root.Subcommands.Add(AccountsCommand.Create(loggerFactory));
root.Subcommands.Add(ServeCommand.Create());

var parse = root.Parse(args);
consoleLevel = parse.GetValue(logLevel) ?? LogLevel.None;
var log = loggerFactory.CreateLogger("TimeTracker");
// Database passwords and every secret setting (serve --Jwt:SigningKey=…) are masked before anything is written.
log.LogInformation("timetracker {Arguments}", SecretRedactor.Redact(string.Join(' ', SettingRedactor.RedactArguments(args))));
if (parse.Errors.Count > 0)
{
    var errors = parse.Errors.Select(e => SecretRedactor.Redact(SettingRedactor.RedactQuoted(e.Message, args))).ToList();
    foreach (var error in errors)
        await Console.Error.WriteLineAsync("error: " + error);
    await Console.Error.WriteLineAsync("Run 'timetracker --help' (or 'timetracker db --help') for usage.");
    log.LogWarning("Bad usage: {Errors}", string.Join("; ", errors));
    return ExitCodes.Usage;
}
var exitCode = await parse.InvokeAsync();
log.LogInformation("Exit code {ExitCode}", exitCode);
return exitCode;
