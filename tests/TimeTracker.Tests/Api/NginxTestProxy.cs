using System.Globalization;
using TimeTracker.Tests.Email;

namespace TimeTracker.Tests.Api;

/// <summary>
/// A real reverse proxy in front of a test server: Debian's nginx, started by <c>scripts/nginx-test-proxy</c> on
/// 127.0.0.1 at a free port, connecting upstream from 127.0.0.1 and setting <c>X-Forwarded-For</c> as production
/// proxies do (what the client sent, then the address it connected from).
/// </summary>
internal sealed class NginxTestProxy : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory;

    private NginxTestProxy(string script, string directory, int port)
    {
        _script = script;
        _directory = directory;
        Port = port;
    }

    /// <summary>Where the proxy listens, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Starts nginx in front of 127.0.0.1:<paramref name="upstreamPort"/>. Needs root the first time if nginx has to be installed.</summary>
    public static async Task<NginxTestProxy> StartAsync(int upstreamPort)
    {
        var script = Path.Combine(SmtpTestServer.RepositoryRoot(), "scripts", "nginx-test-proxy");
        var directory = Path.Combine(Path.GetTempPath(), $"timetracker-nginx-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var output = await SmtpTestServer.RunScriptAsync(script, "start", directory, upstreamPort.ToString(CultureInfo.InvariantCulture), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (!int.TryParse(output, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            await SmtpTestServer.RunScriptAsync(script, "stop", directory);
            throw new InvalidOperationException($"{script} start printed \"{output}\", not a port number");
        }
        return new NginxTestProxy(script, directory, port);
    }

    public async ValueTask DisposeAsync() => await SmtpTestServer.RunScriptAsync(_script, "stop", _directory);
}
