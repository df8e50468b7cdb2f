using System.Collections.Concurrent;

namespace TimeTracker.Tests.Cli;

/// <summary>
/// Databases brought to a revision by a real <c>timetracker db upgrade REV</c>, made once per test run and
/// copied into the tests that start from them (each process run costs about 0.3 s).
/// </summary>
internal static class PreparedDatabases
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> _cache = new(StringComparer.Ordinal);

    public static Task<byte[]> AtAsync(string revision) =>
        _cache.GetOrAdd(revision, r => new Lazy<Task<byte[]>>(() => CreateAsync(r))).Value;

    private static async Task<byte[]> CreateAsync(string revision)
    {
        using var sandbox = new CliSandbox();
        var result = await sandbox.RunAsync("db", "upgrade", revision);
        if (result.ExitCode != 0 || !File.Exists(sandbox.DatabasePath))
            throw new InvalidOperationException($"Preparing a database at {revision} failed.\n{result}");
        return await File.ReadAllBytesAsync(sandbox.DatabasePath);
    }
}
