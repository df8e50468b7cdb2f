using System.Diagnostics;

namespace TimeTracker.Tests.Contract;

/// <summary>
/// The npm tools of <c>tests/Contract</c> (Redocly CLI, openapi-typescript, TypeScript, exact versions in its
/// package-lock.json), installed with <c>npm ci</c> on first use when <c>node_modules</c> is missing.
/// </summary>
internal static class ContractTools
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    /// <summary>The <c>tests/Contract</c> folder of the repository.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>Runs the package's binary <paramref name="tool"/>; answers its exit code and its output and errors together.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string workingDirectory, params string[] arguments)
    {
        await EnsureInstalledAsync();
        return await ProcessAsync(Path.Combine(Folder, "node_modules", ".bin", tool), workingDirectory, arguments);
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", ".bin")))
                return;
            var (code, output) = await ProcessAsync("npm", Folder, "ci", "--no-audit", "--no-fund");
            Assert.True(code == 0, $"npm ci in {Folder} failed:\n{output}");
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int, string)> ProcessAsync(string file, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Contract");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new DirectoryNotFoundException("tests/Contract (package.json) not found above " + AppContext.BaseDirectory);
    }
}
