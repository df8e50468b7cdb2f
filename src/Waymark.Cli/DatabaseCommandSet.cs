using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Waymark.Execution;
using Waymark.Revisions;

namespace Waymark.Cli;

/// <summary>
/// The migration commands (<c>current</c>, <c>history</c>, <c>heads</c>, <c>show</c>, <c>upgrade</c>, <c>downgrade</c>,
/// <c>stamp</c>, <c>revision</c>, <c>merge</c>, <c>doctor</c>, <c>check</c>) as one System.CommandLine command that any application can
/// mount. Each command is thin: read its arguments, call the library, print, map errors to exit codes.
/// </summary>
public sealed partial class DatabaseCommandSet
{
    private readonly WaymarkCliSettings _settings;
    private readonly ILogger _logger;
    private readonly Option<string?> _database = new("--database", "-d")
    {
        Description = "Database URL (sqlite:///file.db, sqlite:////abs/file.db, or an ADO.NET connection string). Default: $DATABASE_URL, else the application's default.",
        Recursive = true,
    };
    private readonly Option<double?> _lockTimeout = new("--lock-timeout")
    {
        Description = "Seconds to wait for another run's migration lock (default 60).",
        Recursive = true,
    };
    private readonly Option<string?> _versionSchema = new("--version-schema")
    {
        Description = "Schema of the version and history tables (PostgreSQL; default: the connection's search_path schema).",
        Recursive = true,
    };
    private readonly Option<bool> _json = new("--json") { Description = "Write JSON instead of text." };
    private readonly Option<bool> _sql = new("--sql") { Description = "Print the SQL script instead of running it (offline mode; TARGET may be FROM:TO)." };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Show more detail (files, down-revisions)." };

    private DatabaseCommandSet(WaymarkCliSettings settings)
    {
        _settings = settings;
        _logger = settings.LoggerFactory.CreateLogger("Waymark.Cli");
    }

    /// <summary>Creates the command (named <paramref name="name"/>, <c>db</c> by default) with every subcommand.</summary>
    public static Command Create(WaymarkCliSettings settings, string name = "db")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var set = new DatabaseCommandSet(settings);
        var command = new Command(name, "Schema migrations: see where the database is, move it along the revision chain, write new revisions.");
        command.Options.Add(set._database);
        command.Options.Add(set._lockTimeout);
        command.Options.Add(set._versionSchema);
        command.Subcommands.Add(set.CurrentCommand());
        command.Subcommands.Add(set.HistoryCommand());
        command.Subcommands.Add(set.HeadsCommand());
        command.Subcommands.Add(set.ShowCommand());
        command.Subcommands.Add(set.UpgradeCommand());
        command.Subcommands.Add(set.DowngradeCommand());
        command.Subcommands.Add(set.StampCommand());
        command.Subcommands.Add(set.RevisionCommand());
        command.Subcommands.Add(set.MergeCommand());
        command.Subcommands.Add(set.DoctorCommand());
        command.Subcommands.Add(set.CheckCommand());
        return command;
    }

    private TextWriter Out => _settings.Out;

    private string DatabaseUrl(ParseResult parse)
    {
        if (parse.GetValue(_database) is { } fromOption)
            return fromOption;
        var fromEnvironment = Environment.GetEnvironmentVariable(_settings.DatabaseUrlVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? _settings.DefaultDatabaseUrl : fromEnvironment;
    }

    private async Task WriteJsonAsync(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(json);
        await Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
    }

    private Migrator CreateMigrator(ParseResult parse, RevisionGraph graph) =>
        new(graph, _settings.Providers.Create(DatabaseUrl(parse)), MigratorOptions(parse), _settings.LoggerFactory.CreateLogger("Waymark"), _settings.Time);

    private MigratorOptions MigratorOptions(ParseResult parse)
    {
        var options = _settings.MigratorOptions;
        if (parse.GetValue(_lockTimeout) is { } seconds)
        {
            if (seconds < 0 || double.IsNaN(seconds))
                throw new WaymarkUsageException($"--lock-timeout must be a number of seconds, 0 or more (got {seconds}).");
            options = options with { LockTimeout = TimeSpan.FromSeconds(seconds) };
        }
        if (parse.GetValue(_versionSchema) is { } schema)
        {
            if (schema.Length == 0 || schema.Contains('.', StringComparison.Ordinal) || schema.Contains('"', StringComparison.Ordinal))
                throw new WaymarkUsageException($"--version-schema takes a plain schema name (got '{schema}').");
            options = options with { VersionTable = $"{schema}.{options.VersionTable}", HistoryTable = $"{schema}.{options.HistoryTable}" };
        }
        return options;
    }

    private Command Define(Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        command.SetAction((parse, cancellationToken) => RunAsync(parse, action, cancellationToken));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CancellationToken, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await action(parse, cancellationToken).ConfigureAwait(false);
        }
        catch (WaymarkUsageException ex)
        {
            await _settings.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (WaymarkException ex)
        {
            _logger.LogError(ex, "{Command} failed", parse.CommandResult.Command.Name);
            await _settings.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await _settings.Error.WriteLineAsync("interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (System.Data.Common.DbException ex)
        {
            _logger.LogError(ex, "{Command} failed", parse.CommandResult.Command.Name);
            await _settings.Error.WriteLineAsync($"error: the database reported: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static string Versions(IReadOnlyList<string> versions) => versions.Count == 0 ? "base" : string.Join(", ", versions);

    private static string Milliseconds(TimeSpan duration) => duration.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
