using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TimeTracker.Tests.Cli;

namespace TimeTracker.Tests.Api;

/// <summary>The built executable running <c>serve</c> (or anything long-lived) in the background, for tests that talk to it over a port.</summary>
internal static class ServeProcess
{
    /// <summary>Starts <c>timetracker ARGS</c> in <paramref name="directory"/> with <paramref name="environment"/> (no DATABASE_URL unless it sets one).</summary>
    public static Process Start(string directory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo(TimeTrackerProcess.DotnetHost) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(TimeTrackerProcess.AssemblyPath);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove(TimeTrackerProcess.DatabaseUrlVariable);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the server answers <c>/health</c> with 200; fails the test if it exits or takes a minute.</summary>
    public static async Task WaitForHealthAsync(HttpClient http, Process server)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(server.HasExited, $"serve exited with {(server.HasExited ? server.ExitCode : 0)} before answering");
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        Assert.Fail("serve did not answer /health within 60 s");
    }

    /// <summary>Sends SIGTERM (what a service manager sends) and waits up to 30 s for the server to exit.</summary>
    public static async Task StopAsync(Process server)
    {
        using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await server.WaitForExitAsync(timeout.Token);
    }

    /// <summary>A random signing key, as an operator would make one.</summary>
    public static string NewSigningKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    /// <summary>A loopback port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
