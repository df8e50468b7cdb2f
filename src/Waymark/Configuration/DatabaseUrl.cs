using System.Text.RegularExpressions;

namespace Waymark.Configuration;

/// <summary>
/// Where a database is, as the user gave it: a URL (<c>sqlite:///relative.db</c>, <c>sqlite:////absolute.db</c>,
/// <c>postgresql://user:pass@host/db</c>) or a plain ADO.NET connection string. Providers interpret it.
/// </summary>
public sealed partial record DatabaseUrl
{
    private DatabaseUrl(string? scheme, string body, string original)
    {
        Scheme = scheme;
        Body = body;
        Original = original;
    }

    /// <summary>The URL scheme in lower case (<c>sqlite</c>, <c>postgresql</c>), or null for a connection string.</summary>
    public string? Scheme { get; }

    /// <summary>What follows <c>scheme://</c>, or the whole connection string.</summary>
    public string Body { get; }

    /// <summary>The text as given (may hold a password: never print it; providers give a display name).</summary>
    public string Original { get; }

    /// <summary>The part of <see cref="Body"/> before any <c>?</c>: user, host, port and path.</summary>
    public string Location => Body.Split('?', 2)[0];

    /// <summary>The <c>key=value</c> options after <c>?</c>, in order, not yet percent-decoded.</summary>
    public IReadOnlyList<string> Options =>
        Body.Split('?', 2) is [_, var query] ? query.Split('&', StringSplitOptions.RemoveEmptyEntries) : [];

    /// <summary>Whether this is an ADO.NET connection string rather than a URL.</summary>
    public bool IsConnectionString => Scheme is null;

    /// <summary>Parses a URL or connection string.</summary>
    /// <exception cref="InvalidDatabaseUrlException">The text is neither.</exception>
    public static DatabaseUrl Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length == 0)
            throw new InvalidDatabaseUrlException(value, "it is empty");
        var url = UrlPattern().Match(text);
        if (url.Success)
            return new DatabaseUrl(url.Groups["scheme"].Value.ToLowerInvariant(), url.Groups["body"].Value, text);
        if (text.Contains("://", StringComparison.Ordinal) || !text.Contains('=', StringComparison.Ordinal))
            throw new InvalidDatabaseUrlException(value, "it is neither a URL (scheme://…) nor an ADO.NET connection string (key=value;…)");
        return new DatabaseUrl(null, text, text);
    }

    /// <inheritdoc />
    public override string ToString() => IsConnectionString ? "(connection string)" : $"{Scheme}://…";

    [GeneratedRegex(@"^(?<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?<body>.*)$", RegexOptions.Singleline)]
    private static partial Regex UrlPattern();
}
