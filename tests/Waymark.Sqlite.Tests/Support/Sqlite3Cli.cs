using System.Diagnostics;

namespace Waymark.Sqlite.Tests.Support;

/// <summary>Runs a script through the sqlite3 command-line shell, as a DBA applying an offline script would.</summary>
public static class Sqlite3Cli
{
    public const string Executable = "/usr/bin/sqlite3";

    public static async Task RunAsync(string databasePath, string script)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-bail");
        start.ArgumentList.Add(databasePath);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var errors = await stderr;
        await stdout;
        if (process.ExitCode != 0 || errors.Length > 0)
            throw new InvalidOperationException($"sqlite3 exited with {process.ExitCode}: {errors}\n--- script ---\n{script}");
    }
}
