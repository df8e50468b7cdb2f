using TimeTracker.Tests.Postgres;
using Waymark.Testing;

namespace TimeTracker.Tests.Doctor;

/// <summary>
/// A login role that may not create databases (no CREATEDB), given rights on databases the superuser made;
/// dropped on dispose (dispose the databases it was granted first).
/// </summary>
internal sealed class RestrictedRole : IAsyncDisposable
{
    public const string Password = "p";

    private RestrictedRole(string name) => Name = name;

    public string Name { get; }

    public static async Task<RestrictedRole> CreateAsync()
    {
        var name = "doctor_" + Guid.NewGuid().ToString("N")[..12];
        await PostgresServer.Instance.ExecuteAsync($"CREATE ROLE \"{name}\" LOGIN PASSWORD '{Password}' NOCREATEDB");
        return new RestrictedRole(name);
    }

    /// <summary>GRANT ALL on the database, its public schema and what is in it.</summary>
    public async Task GrantAsync(PostgresDatabase database)
    {
        await PostgresServer.Instance.ExecuteAsync($"GRANT ALL ON DATABASE \"{database.Name}\" TO \"{Name}\"");
        await database.ExecuteAsync($"""
            GRANT ALL ON SCHEMA public TO "{Name}";
            GRANT ALL ON ALL TABLES IN SCHEMA public TO "{Name}";
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{Name}";
            """);
    }

    /// <summary>The database's URL with this role and its password.</summary>
    public string UrlFor(PostgresDatabase database) => PostgresServer.Instance.UrlFor(database.Name, Name, Password);

    /// <summary>The database as Waymark displays it for this role (no password).</summary>
    public string DisplayFor(PostgresDatabase database) =>
        $"postgresql://{Name}@{PostgresServer.Instance.Host}:{PostgresServer.Instance.Port}/{database.Name}";

    public async ValueTask DisposeAsync() => await PostgresServer.Instance.ExecuteAsync($"DROP ROLE IF EXISTS \"{Name}\"");
}
