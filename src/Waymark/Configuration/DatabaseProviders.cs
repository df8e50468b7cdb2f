using Waymark.Execution;

namespace Waymark.Configuration;

/// <summary>The kinds of database an application supports, chosen by URL.</summary>
public sealed class DatabaseProviders(IEnumerable<IDatabaseProviderFactory> factories)
{
    private readonly IReadOnlyList<IDatabaseProviderFactory> _factories = [.. factories];

    /// <summary>The provider for <paramref name="url"/>.</summary>
    /// <exception cref="InvalidDatabaseUrlException">The URL is malformed or no factory handles it.</exception>
    public IDatabaseProvider Create(string url)
    {
        var parsed = DatabaseUrl.Parse(url);
        foreach (var factory in _factories)
            if (factory.TryCreate(parsed) is { } provider)
                return provider;
        var schemes = string.Join(", ", _factories.SelectMany(f => f.Schemes));
        throw new InvalidDatabaseUrlException(url, parsed.IsConnectionString
            ? $"no supported database recognises this connection string (supported: {schemes})"
            : $"the scheme '{parsed.Scheme}' is not supported (supported: {schemes})");
    }
}
