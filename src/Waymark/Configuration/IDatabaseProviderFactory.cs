using Waymark.Execution;

namespace Waymark.Configuration;

/// <summary>Creates providers for the database URLs one kind of database understands.</summary>
public interface IDatabaseProviderFactory
{
    /// <summary>The URL schemes handled, for messages (<c>sqlite</c>).</summary>
    IReadOnlyList<string> Schemes { get; }

    /// <summary>A provider for <paramref name="url"/>, or null when the URL is for another kind of database.</summary>
    /// <exception cref="InvalidDatabaseUrlException">The URL is for this kind but malformed.</exception>
    IDatabaseProvider? TryCreate(DatabaseUrl url);
}
