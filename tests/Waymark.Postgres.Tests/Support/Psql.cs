using System.Diagnostics;
using Npgsql;

namespace Waymark.Postgres.Tests.Support;

/// <summary>
/// Runs a script file through psql exactly as the README tells users to apply an offline script,
/// <c>psql -f upgrade.sql URL</c>: no <c>-v ON_ERROR_STOP=1</c>, so stopping at the first error is the script's own doing.
/// </summary>
public static class Psql
{
    public const string Executable = "/usr/bin/psql";

    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>Runs <paramref name="script"/> with <c>psql -f file</c>; throws unless psql exits with 0.</summary>
    public static async Task RunAsync(string connectionString, string script)
    {
        var result = await TryRunAsync(connectionString, script);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"psql exited with {result.ExitCode}: {result.Errors}\n--- script ---\n{script}");
    }

    /// <summary>Runs <paramref name="script"/> with <c>psql -f file</c> and returns how it went.</summary>
    public static async Task<Result> TryRunAsync(string connectionString, string script)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var file = Path.Combine(Path.GetTempPath(), $"waymark-offline-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script);
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-f", file })
                start.ArgumentList.Add(argument);
            start.ArgumentList.Add($"host={settings.Host} port={settings.Port} user={settings.Username} dbname={settings.Database}");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("psql did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return new Result(process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
