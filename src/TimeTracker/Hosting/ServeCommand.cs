using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TimeTracker.Logging;
using Waymark;
using Waymark.Cli;
using Waymark.Configuration;

namespace TimeTracker.Hosting;

/// <summary>
/// <c>timetracker serve</c>: runs the HTTP API. It refuses to start on a database that is not at head, unless
/// <c>--migrate</c> upgrades it first (under the migration lock, so replicas started together migrate once).
/// Options it does not know go to ASP.NET Core's configuration (<c>--Jwt:SigningKey=…</c>).
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") {
            Description = $"Where to listen (default {ApiHost.DefaultUrls}).", DefaultValueFactory = _ => ApiHost.DefaultUrls };
        var migrate = new Option<bool>("--migrate") { Description = "Upgrade the database to head before serving, instead of refusing to start." };
        var database = new Option<string?>("--database", "-d") {
            Description = "The database URL (default: the DATABASE_URL setting, else sqlite:///timetracker.db)." };
        var command = new Command("serve", "Run the HTTP API (accounts, organizations, time tracking, billing).") {
            TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(urls);
        command.Options.Add(migrate);
        command.Options.Add(database);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string[] args = [.. parse.UnmatchedTokens, "--urls", parse.GetValue(urls)!];
            WebApplication app;
            try
            {
                var fileLog = new FileLoggerProvider(Path.Combine("logs", "timetracker.log"), LogLevel.Information, TimeProvider.System);
                app = ApiHost.CreateBuilder(args, parse.GetValue(database), fileLog).Build();
            }
            catch (Exception ex) when (ex is ApiConfigurationException or InvalidDatabaseUrlException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + ex.Message);
                return ExitCodes.Usage;
            }
            await using (app)
            {
                ApiHost.Configure(app);
                var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("TimeTracker.Serve");
                try
                {
                    if (!await EnsureAtHeadAsync(app.Services.GetRequiredService<SchemaStatus>(), parse.GetValue(migrate), logger,
                        parse.InvocationConfiguration.Error, cancellationToken))
                        return ExitCodes.Failure;
                }
                catch (WaymarkException ex)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + ex.Message);
                    return ExitCodes.Failure;
                }
                await app.RunAsync();
                return ExitCodes.Success;
            }
        });
        return command;
    }

    private static async Task<bool> EnsureAtHeadAsync(
        SchemaStatus schema, bool migrate, ILogger logger, TextWriter error, CancellationToken cancellationToken)
    {
        var current = await schema.CurrentAsync(cancellationToken);
        if (schema.IsAtHead(current))
            return true;
        var at = SchemaStatus.Describe(current);
        if (!migrate)
        {
            await error.WriteLineAsync(
                $"error: the database is at {at}, but this build needs {string.Join(", ", schema.Heads)} (head). " +
                "Run 'timetracker db upgrade' first, or start with 'serve --migrate' to upgrade before serving.");
            return false;
        }
        var applied = await schema.UpgradeAsync(logger, cancellationToken);
        logger.LogInformation("serve --migrate: upgraded the database from {From} to head ({Count} revision(s))", at, applied);
        return true;
    }
}
