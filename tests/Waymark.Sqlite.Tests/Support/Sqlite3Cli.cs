using System.Diagnostics;

namespace Waymark.Sqlite.Tests.Support;

/// <summary>
/// Runs a script through the sqlite3 command-line shell exactly as the README tells users to apply an offline
/// script, <c>sqlite3 prod.db &lt; upgrade.sql</c>: no <c>-bail</c>, so stopping at the first error is the script's own doing.
/// </summary>
public static class Sqlite3Cli
{
    public const string Executable = "/usr/bin/sqlite3";

    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>Runs <paramref name="script"/> with <c>sqlite3 DB &lt; script</c>; throws unless it exits with 0 and reports no error.</summary>
    public static async Task RunAsync(string databasePath, string script)
    {
        var result = await TryRunAsync(databasePath, script);
        if (result.ExitCode != 0 || result.Errors.Length > 0)
            throw new InvalidOperationException($"sqlite3 exited with {result.ExitCode}: {result.Errors}\n--- script ---\n{script}");
    }

    /// <summary>Runs <paramref name="script"/> with <c>sqlite3 DB &lt; script</c> and returns how it went.</summary>
    public static async Task<Result> TryRunAsync(string databasePath, string script)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's sqlite3 package (scripts/test installs it where it may).");
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(databasePath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
