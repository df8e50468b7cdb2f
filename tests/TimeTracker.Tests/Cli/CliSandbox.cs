namespace TimeTracker.Tests.Cli;

/// <summary>A fresh, empty working directory for one test's runs of the application; deleted on dispose.</summary>
internal sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "timetracker-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The working directory.</summary>
    public string Root { get; }

    /// <summary>Where the application's default URL (sqlite:///timetracker.db) puts the database.</summary>
    public string DatabasePath => PathOf("timetracker.db");

    /// <summary>The application's log file.</summary>
    public string LogPath => PathOf("logs", "timetracker.log");

    public string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Runs <c>timetracker ARGS</c> here, without DATABASE_URL.</summary>
    public Task<ProcessResult> RunAsync(params string[] args) => TimeTrackerProcess.RunAsync(Root, null, args);

    /// <summary>Runs <c>timetracker ARGS</c> here with extra environment variables.</summary>
    public Task<ProcessResult> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        TimeTrackerProcess.RunAsync(Root, environment, args);

    /// <summary>Puts a copy of a database upgraded to <paramref name="revision"/> here; returns its path.</summary>
    public async Task<string> AddDatabaseAtAsync(string revision, string fileName = "timetracker.db")
    {
        var path = PathOf(fileName);
        await File.WriteAllBytesAsync(path, await PreparedDatabases.AtAsync(revision));
        return path;
    }

    /// <summary>Every *.db file under the sandbox, relative to it.</summary>
    public IReadOnlyList<string> DatabaseFiles() =>
        [.. Directory.GetFiles(Root, "*.db", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is not worth failing a test over.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}
