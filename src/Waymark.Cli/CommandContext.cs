using System.CommandLine;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Waymark.Diagnosis;
using Waymark.Execution;
using Waymark.Revisions;

namespace Waymark.Cli;

/// <summary>
/// What every verb shares, built once per command set: the application's settings, the options the <c>db</c> command
/// passes down to every verb, and the one mapping from errors to exit codes. Verbs read their own arguments and ask
/// the context for the database, the migrator and the doctor, so the rules for the URL, the lock timeout and the
/// version schema live in one place, as Alembic's verbs all take one <c>Config</c>.
/// </summary>
internal sealed class CommandContext
{
    private readonly ILogger _logger;

    public CommandContext(WaymarkCliSettings settings)
    {
        Settings = settings;
        _logger = settings.LoggerFactory.CreateLogger("Waymark.Cli");
    }

    public WaymarkCliSettings Settings { get; }

    /// <summary>Recursive, so it may be written before or after the verb.</summary>
    public Option<string?> Database { get; } = new("--database", "-d")
    {
        Description = "Database URL (sqlite:///file.db, sqlite:////abs/file.db, or an ADO.NET connection string). "
            + "Default: $DATABASE_URL, else the application's default.",
        Recursive = true,
    };

    public Option<double?> LockTimeout { get; } = new("--lock-timeout")
    {
        Description =
            "Seconds to wait for another run's migration lock, which serialises runs (default 60). Not a table lock: see --statement-lock-timeout.",
        Recursive = true,
    };

    public Option<double?> StatementLockTimeout { get; } = new("--statement-lock-timeout")
    {
        Description = "Seconds each migration statement may wait for a table or row lock before its migration is rolled back and retried "
            + "(PostgreSQL lock_timeout; default 5, 0 waits for ever; SQLite ignores it).",
        Recursive = true,
    };

    public Option<double?> StatementTimeout { get; } = new("--statement-timeout")
    {
        Description = "Seconds each migration statement may run (PostgreSQL statement_timeout; default: the server's; SQLite ignores it).",
        Recursive = true,
    };

    public Option<int?> LockRetries { get; } = new("--lock-retries")
    {
        Description = "How many times a migration that timed out on a table lock is retried, with backoff, before the run fails (default 4).",
        Recursive = true,
    };

    public Option<string?> VersionSchema { get; } = new("--version-schema")
    {
        Description = "Schema of the version and history tables (PostgreSQL; default: the connection's search_path schema).",
        Recursive = true,
    };

    public TextWriter Out => Settings.Out;

    public TextWriter Error => Settings.Error;

    public RevisionGraph LoadGraph() => Settings.LoadGraph();

    /// <summary>The option wins over the environment, which wins over the application's default.</summary>
    public string DatabaseUrl(ParseResult parse)
    {
        if (parse.GetValue(Database) is { } fromOption)
            return fromOption;
        var fromEnvironment = Environment.GetEnvironmentVariable(Settings.DatabaseUrlVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? Settings.DefaultDatabaseUrl : fromEnvironment;
    }

    public IDatabaseProvider CreateProvider(ParseResult parse) => Settings.Providers.Create(DatabaseUrl(parse));

    public MigratorOptions MigratorOptions(ParseResult parse)
    {
        var options = Settings.MigratorOptions;
        if (parse.GetValue(LockTimeout) is { } seconds)
        {
            if (seconds < 0 || double.IsNaN(seconds))
                throw new WaymarkUsageException($"--lock-timeout must be a number of seconds, 0 or more (got {seconds}).");
            options = options with { LockTimeout = TimeSpan.FromSeconds(seconds) };
        }
        if (parse.GetValue(StatementLockTimeout) is { } lockSeconds)
            options = options with { StatementLockTimeout = Seconds("--statement-lock-timeout", lockSeconds) };
        if (parse.GetValue(StatementTimeout) is { } statementSeconds)
            options = options with { StatementTimeout = Seconds("--statement-timeout", statementSeconds) };
        if (parse.GetValue(LockRetries) is { } retries)
        {
            if (retries < 0)
                throw new WaymarkUsageException($"--lock-retries must be 0 or more (got {retries}).");
            options = options with { LockRetries = retries };
        }
        if (parse.GetValue(VersionSchema) is { } schema)
        {
            // A dot or a quote would let the name escape the schema it is meant to stay in.
            if (schema.Length == 0 || schema.Contains('.', StringComparison.Ordinal) || schema.Contains('"', StringComparison.Ordinal))
                throw new WaymarkUsageException($"--version-schema takes a plain schema name (got '{schema}').");
            options = options with { VersionTable = $"{schema}.{options.VersionTable}", HistoryTable = $"{schema}.{options.HistoryTable}" };
        }
        return options;
    }

    private static TimeSpan Seconds(string option, double seconds) =>
        seconds < 0 || double.IsNaN(seconds) || double.IsInfinity(seconds)
            ? throw new WaymarkUsageException($"{option} must be a number of seconds, 0 or more (got {seconds}).")
            : TimeSpan.FromSeconds(seconds);

    public Migrator CreateMigrator(ParseResult parse, RevisionGraph graph) =>
        new(graph, CreateProvider(parse), MigratorOptions(parse), Settings.LoggerFactory.CreateLogger("Waymark"), Settings.Time);

    /// <summary>The doctor of the database the command names; <paramref name="devUrl"/> is <c>--dev-url</c>.</summary>
    public Doctor CreateDoctor(ParseResult parse, RevisionGraph graph, string? devUrl) =>
        new(graph, CreateProvider(parse), MigratorOptions(parse), Settings.LoggerFactory.CreateLogger("Waymark.Doctor"), Settings.Time)
        {
            DevDatabase = devUrl is null ? null : Settings.Providers.Create(devUrl),
        };

    /// <summary>Writes new migration files into <paramref name="directory"/> (<c>--dir</c>), else the application's.</summary>
    public MigrationFileWriter CreateFileWriter(string? directory) =>
        new(directory ?? Settings.MigrationsDirectory, Settings.MigrationsNamespace);

    /// <summary>
    /// A run that waits for another's lock says so on stderr, so it does not look hung; so does a migration rolled back
    /// to be retried because a session held a table it needed.
    /// </summary>
    public void ReportLockWaits(Migrator migrator)
    {
        migrator.LockWaiting = holder =>
            Error.WriteLine($"Waiting for the migration lock (up to {migrator.LockTimeout.TotalSeconds:0} s): {holder}");
        migrator.StatementLockWaiting = wait => Error.WriteLine(
            $"Revision {wait.Revision} timed out after {wait.LockTimeout.TotalSeconds:0.###} s waiting for a table lock (attempt {wait.Attempt} of " +
            $"{wait.Retries + 1}); " +
            $"rolled back, retrying in {wait.Delay.TotalSeconds:0.#} s. Blocked by: {wait.DescribeHolders()}");
    }

    /// <summary>Writes one indented JSON document and a newline to stdout.</summary>
    public async Task WriteJsonAsync(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(json);
        await Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
    }

    /// <summary>Makes <paramref name="action"/> the command's action, with every verb's errors mapped to exit codes.</summary>
    public Command Define(Command command, Func<ParseResult, CancellationToken, Task<int>> action)
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
            // Bad usage is the user's to fix, not an incident: no log entry.
            await Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (WaymarkException ex)
        {
            _logger.LogError(ex, "{Command} failed", parse.CommandResult.Command.Name);
            await Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await Error.WriteLineAsync("interrupted").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (DbException ex)
        {
            _logger.LogError(ex, "{Command} failed", parse.CommandResult.Command.Name);
            await Error.WriteLineAsync($"error: the database reported: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }
}
