using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Postgres;

/// <summary>PostgreSQL's own client, to apply offline scripts as an operator would.</summary>
internal static class Psql
{
    /// <summary>psql on the PATH, else the newest one of Debian's postgresql packages.</summary>
    public static string Path { get; } = Find();

    /// <summary><c>psql -X -q -v ON_ERROR_STOP=1 -d URL -f SCRIPT</c>: stops at the first error, exit code 3 then.</summary>
    public static Task<ProcessResult> RunFileAsync(string url, string script, string workingDirectory) =>
        ExternalProcess.RunAsync(Path, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", script], workingDirectory);

    private static string Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, "psql");
            if (File.Exists(candidate))
                return candidate;
        }
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => System.IO.Path.Combine(d, "bin", "psql")).Where(File.Exists)
                .OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal).LastOrDefault()
            : null;
        return installed ?? "psql";
    }
}
