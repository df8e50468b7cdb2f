using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using TimeTracker.Hosting;

namespace TimeTracker.Web.Requests;

/// <summary>
/// Which client address a request has: the socket's, unless the socket is a reverse proxy named in
/// <c>ForwardedHeaders:KnownProxies:N</c> (addresses) or <c>ForwardedHeaders:KnownNetworks:N</c> (CIDR), whose
/// <c>X-Forwarded-For</c> then gives it (and its <c>X-Forwarded-Proto</c> the scheme: a proxy that ends TLS makes the request
/// HTTPS, for HSTS and the <c>Secure</c> session cookie). None is trusted by default, loopback included: any client could
/// send the headers, and rate limits and sign-in throttles count clients by this address.
/// </summary>
internal static class ClientAddresses
{
    /// <summary>The forwarded-headers options of <paramref name="configuration"/>, or null when no proxy is trusted.</summary>
    /// <exception cref="ApiConfigurationException">An entry is not an address or a network.</exception>
    public static ForwardedHeadersOptions? Options(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // Walk X-Forwarded-For from the right while each hop is a trusted proxy; the first other hop is the client,
            // and whatever the client wrote further left is never read.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var (key, value) in Entries(configuration, "ForwardedHeaders:KnownProxies"))
        {
            if (!IPAddress.TryParse(value, out var address))
                throw new ApiConfigurationException($"{key} is '{value}', which is not an IP address (e.g. 10.0.0.5 or fd00::5).");
            options.KnownProxies.Add(address);
        }
        foreach (var (key, value) in Entries(configuration, "ForwardedHeaders:KnownNetworks"))
        {
            if (!System.Net.IPNetwork.TryParse(value, out var network))
                throw new ApiConfigurationException($"{key} is '{value}', which is not a network in CIDR notation (e.g. 10.0.0.0/8 or fd00::/64).");
            options.KnownIPNetworks.Add(network);
        }
        return options.KnownProxies.Count + options.KnownIPNetworks.Count == 0 ? null : options;
    }

    private static IEnumerable<(string Key, string Value)> Entries(IConfiguration configuration, string section) =>
        configuration.GetSection(section).GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).Select(c => (c.Path, c.Value!.Trim()));
}
