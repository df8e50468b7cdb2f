using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Waymark.Configuration;
using Waymark.Execution;
using Waymark.Revisions;

namespace Waymark.Cli;

/// <summary>What an application tells the command set: its revisions, its databases and its defaults.</summary>
public sealed record WaymarkCliSettings
{
    /// <summary>Loads the revision graph; called only by commands that need it.</summary>
    public required Func<RevisionGraph> LoadGraph { get; init; }

    /// <summary>The kinds of database the application supports.</summary>
    public required DatabaseProviders Providers { get; init; }

    /// <summary>The database used when neither <c>--database</c> nor the environment variable names one.</summary>
    public string DefaultDatabaseUrl { get; init; } = "sqlite:///app.db";

    /// <summary>The environment variable that holds the database URL.</summary>
    public string DatabaseUrlVariable { get; init; } = "DATABASE_URL";

    /// <summary>Where <c>revision</c> and <c>merge</c> write new migration files (relative to the working directory).</summary>
    public string MigrationsDirectory { get; init; } = "Migrations";

    /// <summary>The namespace of new migration files.</summary>
    public string MigrationsNamespace { get; init; } = "Migrations";

    /// <summary>How the migrator records what it does.</summary>
    public MigratorOptions MigratorOptions { get; init; } = new();

    /// <summary>Logging for the engine.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>The clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where normal output goes.</summary>
    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>Where errors and progress notes go.</summary>
    public TextWriter Error { get; init; } = Console.Error;
}
