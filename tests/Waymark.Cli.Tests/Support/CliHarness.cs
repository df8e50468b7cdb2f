using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Waymark.Configuration;
using Waymark.Revisions;
using Waymark.Sqlite;

namespace Waymark.Cli.Tests.Support;

/// <summary>
/// Runs the <c>db</c> command set in-process, as an application mounts it: a root command, the set under it,
/// parse errors mapped to exit code 2 before anything runs. Each harness owns a temp directory (the SQLite
/// file and the migrations directory live there), deleted on Dispose.
/// </summary>
public sealed class CliHarness : IDisposable
{
    /// <summary>An environment variable nobody sets, so a DATABASE_URL of the machine cannot redirect a test.</summary>
    private const string UnsetUrlVariable = "WAYMARK_CLI_TESTS_DATABASE_URL_NEVER_SET";

    public CliHarness(RevisionGraph graph)
    {
        Graph = graph;
        DirectoryPath = Path.Combine(Path.GetTempPath(), "waymark-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DirectoryPath);
        DatabasePath = Path.Combine(DirectoryPath, "app.db");
        MigrationsDirectory = Path.Combine(DirectoryPath, "Migrations");
    }

    /// <summary>The graph the next command loads; tests may replace it between runs (as a rebuild would).</summary>
    public RevisionGraph Graph { get; set; }

    public string DirectoryPath { get; }

    public string DatabasePath { get; }

    public string MigrationsDirectory { get; }

    public bool DatabaseExists => File.Exists(DatabasePath);

    /// <summary>Runs <c>db ARGS</c> and returns its exit code and what it wrote.</summary>
    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var root = new RootCommand("Waymark CLI tests");
        root.Subcommands.Add(DatabaseCommandSet.Create(new WaymarkCliSettings
        {
            LoadGraph = () => Graph,
            Providers = new DatabaseProviders([new SqliteProviderFactory()]),
            DefaultDatabaseUrl = "sqlite:///" + DatabasePath,
            DatabaseUrlVariable = UnsetUrlVariable,
            MigrationsDirectory = MigrationsDirectory,
            MigrationsNamespace = "App.Migrations",
            MigratorOptions = new() { AppliedBy = "tester@test-host", LockTimeout = TimeSpan.FromSeconds(30) },
            Out = stdout,
            Error = stderr,
        }));
        var parse = root.Parse(["db", .. args]);
        int exitCode;
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await stderr.WriteLineAsync("error: " + error.Message);
            exitCode = ExitCodes.Usage;
        }
        else
        {
            exitCode = await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        }
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The rows of alembic_version, in the order SQLite returns them sorted by id.</summary>
    public List<string> VersionRows() => Rows("SELECT version_num FROM alembic_version ORDER BY version_num");

    /// <summary>The waymark_history rows as "revision|direction", oldest first.</summary>
    public List<string> HistoryRows() => Rows("SELECT coalesce(revision, 'NULL') || '|' || direction FROM waymark_history ORDER BY id");

    public bool TableExists(string table) =>
        Rows($"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{table}'").Count == 1;

    /// <summary>The user tables (the t_* tables the test migrations create), sorted.</summary>
    public List<string> RevisionTables() =>
        Rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't\\_%' ESCAPE '\\' ORDER BY name");

    /// <summary>The first column of every row of <paramref name="sql"/>, as text.</summary>
    public List<string> Rows(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        return rows;
    }

    /// <summary>The files <c>revision</c> and <c>merge</c> wrote, by name.</summary>
    public List<string> WrittenFiles() =>
        Directory.Exists(MigrationsDirectory)
            ? [.. Directory.GetFiles(MigrationsDirectory).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)]
            : [];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DirectoryPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}

/// <summary>What one command did: its exit code and its two streams.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public IReadOnlyList<string> OutLines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Asserts the exit code, showing both streams when it differs.</summary>
    public void ShouldExitWith(int expected)
    {
        if (ExitCode != expected)
            Assert.Fail($"Expected exit code {expected}, got {ExitCode}.\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}");
    }

    /// <summary>Asserts a success that wrote nothing to stderr.</summary>
    public void ShouldSucceedQuietly()
    {
        ShouldExitWith(ExitCodes.Success);
        Assert.Equal("", StdErr);
    }
}
