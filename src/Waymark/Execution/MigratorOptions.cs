namespace Waymark.Execution;

/// <summary>How a <see cref="Migrator"/> records what it does.</summary>
public sealed record MigratorOptions
{
    /// <summary>The version table (one row per current head); Alembic's name by default, so its databases can be taken over.</summary>
    public string VersionTable { get; init; } = "alembic_version";

    /// <summary>The audit table: one row per upgrade, downgrade and stamp.</summary>
    public string HistoryTable { get; init; } = "waymark_history";

    /// <summary>How long to wait for another run's migration lock.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Who runs the migrations, as recorded in the history (user@host by default).</summary>
    public string AppliedBy { get; init; } = $"{Environment.UserName}@{Environment.MachineName}";

    /// <summary>The tool and version recorded in the history.</summary>
    public string ToolVersion { get; init; } = "waymark " + typeof(MigratorOptions).Assembly.GetName().Version?.ToString(3);
}
