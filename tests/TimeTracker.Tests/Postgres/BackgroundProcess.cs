using System.Diagnostics;
using System.Text;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Postgres;

/// <summary>
/// <c>dotnet timetracker.dll ARGS</c> started and left running (without DATABASE_URL), for tests that act
/// on it while it runs: kill it, watch what it does to the database. Killed on dispose if still running.
/// </summary>
internal sealed class BackgroundProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;
    private readonly string _commandLine;

    private BackgroundProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Close();
    }

    public bool HasExited => _process.HasExited;

    public static BackgroundProcess StartTimeTracker(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(TimeTrackerProcess.DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(TimeTrackerProcess.AssemblyPath);
        foreach (var argument in args)
            start.ArgumentList.Add(argument);
        start.Environment.Remove(TimeTrackerProcess.DatabaseUrlVariable);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        return new BackgroundProcess(process, "timetracker " + string.Join(' ', args));
    }

    /// <summary>Kills the process at once (SIGKILL on Linux): no handler, no finally block, no goodbye to the server.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Waits for the process to end and returns what it left behind.</summary>
    public async Task<ProcessResult> WaitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{_commandLine} did not finish within {timeout.TotalSeconds} s.");
        }
        return new ProcessResult(_commandLine, _process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
