using System.Globalization;
using Npgsql;
using Waymark.Configuration;
using Waymark.Execution;

namespace Waymark.Postgres;

/// <summary>
/// Understands <c>postgresql://user:password@host:port/database?sslmode=…</c> (also <c>postgres://</c>;
/// percent-encoded user and password; an empty host with <c>?host=/socket/dir</c> for Unix sockets) and Npgsql
/// connection strings (<c>Host=…;Database=…</c>).
/// </summary>
public sealed class PostgresProviderFactory : IDatabaseProviderFactory
{
    private static readonly string[] ConnectionStringKeys = ["HOST", "SERVER"];

    /// <inheritdoc />
    public IReadOnlyList<string> Schemes { get; } = ["postgresql", "postgres"];

    /// <inheritdoc />
    public IDatabaseProvider? TryCreate(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsConnectionString)
            return LooksLikeNpgsql(url.Body) ? new PostgresDatabaseProvider(Validated(url, url.Body)) : null;
        return url.Scheme is "postgresql" or "postgres" ? new PostgresDatabaseProvider(ToConnectionString(url)) : null;
    }

    /// <summary>The Npgsql connection string for a <c>postgresql://</c> URL.</summary>
    /// <exception cref="InvalidDatabaseUrlException">The URL is malformed.</exception>
    public static string ToConnectionString(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var body = url.Location;
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? body : body[..slash];
        var database = slash < 0 ? "" : Decode(url, body[(slash + 1)..]);
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? "" : authority[..at];
        var hostPort = at < 0 ? authority : authority[(at + 1)..];

        var builder = new NpgsqlConnectionStringBuilder();
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Decode(url, colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
                builder.Password = Decode(url, userInfo[(colon + 1)..]);
        }
        if (hostPort.Length > 0)
        {
            var (host, port) = SplitHostPort(url, hostPort);
            builder.Host = host;
            if (port is not null)
                builder.Port = port.Value;
        }
        if (database.Length > 0)
            builder.Database = database;

        foreach (var pair in url.Options)
        {
            var parts = pair.Split('=', 2);
            var value = parts.Length == 2 ? Decode(url, parts[1]) : "";
            switch (parts[0])
            {
                case "host": builder.Host = value; break;
                case "port": builder.Port = ParsePort(url, value); break;
                case "user": builder.Username = value; break;
                case "password": builder.Password = value; break;
                case "dbname": builder.Database = value; break;
                case "sslmode": builder.SslMode = ParseSslMode(url, value); break;
                case "sslrootcert": builder.RootCertificate = value; break;
                case "sslcert": builder.SslCertificate = value; break;
                case "sslkey": builder.SslKey = value; break;
                case "application_name": builder.ApplicationName = value; break;
                case "connect_timeout": builder.Timeout = ParsePort(url, value); break;
                case "options" when value.StartsWith("-c search_path=", StringComparison.Ordinal):
                    builder.SearchPath = value["-c search_path=".Length..]; break;
                case "search_path": builder.SearchPath = value; break;
                default:
                    throw new InvalidDatabaseUrlException(url.Original, $"the query option '{parts[0]}' is not understood (supported: host, port, " +
                        $"user, password, dbname, sslmode, sslrootcert, sslcert, sslkey, application_name, connect_timeout, search_path)");
            }
        }
        if (string.IsNullOrEmpty(builder.Host))
            throw new InvalidDatabaseUrlException(
                url.Original, "it names no host (write postgresql://user@host/database, or ?host=/run/postgresql for a socket)");
        return builder.ConnectionString;
    }

    private static (string Host, int? Port) SplitHostPort(DatabaseUrl url, string hostPort)
    {
        if (hostPort.StartsWith('['))
        {
            var end = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (end < 0)
                throw new InvalidDatabaseUrlException(url.Original, "an IPv6 host is missing its closing ']'");
            var rest = hostPort[(end + 1)..];
            return (hostPort[1..end], rest.StartsWith(':') ? ParsePort(url, rest[1..]) : null);
        }
        var colon = hostPort.LastIndexOf(':');
        // Several hosts (failover) pass through to Npgsql as they are.
        if (colon < 0 || hostPort.Contains(',', StringComparison.Ordinal))
            return (Decode(url, hostPort), null);
        return (Decode(url, hostPort[..colon]), ParsePort(url, hostPort[(colon + 1)..]));
    }

    private static int ParsePort(DatabaseUrl url, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidDatabaseUrlException(url.Original, $"'{text}' is not a port number");

    private static SslMode ParseSslMode(DatabaseUrl url, string text) => text switch
    {
        "disable" => SslMode.Disable,
        "allow" => SslMode.Allow,
        "prefer" => SslMode.Prefer,
        "require" => SslMode.Require,
        "verify-ca" => SslMode.VerifyCA,
        "verify-full" => SslMode.VerifyFull,
        _ => throw new InvalidDatabaseUrlException(
            url.Original, $"sslmode '{text}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
    };

    private static string Decode(DatabaseUrl url, string text)
    {
        // Uri.UnescapeDataString leaves a malformed escape as it is; a URL with one is a typo to report.
        for (var i = text.IndexOf('%', StringComparison.Ordinal); i >= 0; i = text.IndexOf('%', i + 1))
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                throw new InvalidDatabaseUrlException(
                    url.Original, "it has a malformed percent-escape (% must be followed by two hex digits; write %25 for a literal %)");
        return Uri.UnescapeDataString(text);
    }

    private static string Validated(DatabaseUrl url, string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDatabaseUrlException(url.Original, ex.Message);
        }
    }

    private static bool LooksLikeNpgsql(string connectionString) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)[0].Trim().ToUpperInvariant()).Any(ConnectionStringKeys.Contains);
}
