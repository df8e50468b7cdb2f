using Microsoft.Data.Sqlite;
using Waymark.Configuration;
using Waymark.Execution;

namespace Waymark.Sqlite;

/// <summary>
/// Understands <c>sqlite:///relative/path.db</c>, <c>sqlite:////absolute/path.db</c>, <c>sqlite:///:memory:</c>
/// and Microsoft.Data.Sqlite connection strings (<c>Data Source=app.db</c>). URL options: <c>mode=ro</c>,
/// <c>journal_mode=wal|delete|truncate|persist</c>.
/// </summary>
/// <param name="defaultJournalMode">The journal mode migration runs set unless the URL says otherwise; null leaves the database's own.</param>
public sealed class SqliteProviderFactory(string? defaultJournalMode = null) : IDatabaseProviderFactory
{
    /// <inheritdoc />
    public IReadOnlyList<string> Schemes { get; } = ["sqlite"];

    /// <inheritdoc />
    public IDatabaseProvider? TryCreate(DatabaseUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.IsConnectionString)
            return LooksLikeSqlite(url.Body) ? new SqliteDatabaseProvider(Parse(url), defaultJournalMode) : null;
        if (url.Scheme != "sqlite")
            return null;
        var body = url.Location;
        if (!body.StartsWith('/'))
            throw new InvalidDatabaseUrlException(url.Original,
                "a SQLite URL has three slashes before a relative path (sqlite:///app.db) and four before an absolute one (sqlite:////data/app.db)");
        var path = Uri.UnescapeDataString(body[1..]);
        if (path.Length == 0)
            throw new InvalidDatabaseUrlException(url.Original, "it names no file");
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        var journalMode = defaultJournalMode;
        foreach (var pair in url.Options)
        {
            var parts = pair.Split('=', 2);
            if (parts is ["mode", "ro"])
                builder.Mode = SqliteOpenMode.ReadOnly;
            else if (parts is ["journal_mode", var mode])
                journalMode = mode;
            else
                throw new InvalidDatabaseUrlException(
                    url.Original, $"the query option '{pair}' is not understood (supported: mode=ro, journal_mode=wal|delete|truncate|persist)");
        }
        if (path == ":memory:")
        {
            builder.Mode = SqliteOpenMode.Memory;
            journalMode = null;
        }
        return new SqliteDatabaseProvider(builder.ConnectionString, journalMode);
    }

    private static string Parse(DatabaseUrl url)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder(url.Body);
            if (builder.DataSource.Length == 0)
                throw new InvalidDatabaseUrlException(url.Original, "the connection string has no Data Source");
            return builder.ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDatabaseUrlException(url.Original, ex.Message);
        }
    }

    private static bool LooksLikeSqlite(string connectionString) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)[0].Trim().ToUpperInvariant())
            .Any(key => key is "DATA SOURCE" or "DATASOURCE" or "FILENAME");
}
