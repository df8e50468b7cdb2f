namespace TimeTracker.Tests.Cli;

/// <summary>
/// Runs the built application, <c>dotnet timetracker.dll ARGS</c>, from the test's output directory. The
/// machine's DATABASE_URL never reaches the child unless a test sets it.
/// </summary>
internal static class TimeTrackerProcess
{
    public const string DatabaseUrlVariable = "DATABASE_URL";

    /// <summary>The application as built next to the tests.</summary>
    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "timetracker.dll");

    /// <summary>The dotnet host that runs the tests (so the child uses the same runtime).</summary>
    public static string DotnetHost { get; } = FindDotnetHost();

    public static Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        if (!File.Exists(AssemblyPath))
            throw new FileNotFoundException($"The application is not built next to the tests: {AssemblyPath} is missing.", AssemblyPath);
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { [DatabaseUrlVariable] = null };
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
                variables[name] = value;
        }
        return ExternalProcess.RunAsync(DotnetHost, [AssemblyPath, .. args], workingDirectory, variables);
    }

    private static string FindDotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            return hostPath;
        if (Environment.ProcessPath is { } processPath
            && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return processPath;
        return "dotnet";
    }
}
