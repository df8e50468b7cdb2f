using System.Diagnostics;
using Npgsql;

namespace Waymark.Testing;

/// <summary>
/// The real PostgreSQL server the tests use. <c>scripts/test</c> starts one cluster for the whole run and
/// passes its connection string in <c>WAYMARK_TEST_POSTGRES</c>; a test run started another way (an IDE,
/// <c>dotnet test</c> alone) starts its own through <c>scripts/postgres-test-server</c> and stops it at exit.
/// Every test asks for a fresh database of its own.
/// </summary>
public sealed class PostgresServer
{
    public const string Variable = "WAYMARK_TEST_POSTGRES";

    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgresServer(string adminConnectionString) => AdminConnectionString = adminConnectionString;

    /// <summary>The server for this test run (started on first use).</summary>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>A superuser connection to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    public string Host => new NpgsqlConnectionStringBuilder(AdminConnectionString).Host!;

    public int Port => new NpgsqlConnectionStringBuilder(AdminConnectionString).Port;

    public string AdminUser => new NpgsqlConnectionStringBuilder(AdminConnectionString).Username!;

    /// <summary>Creates an empty database and returns a superuser connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    public string ConnectionStringFor(string database, string? user = null, string? password = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database };
        if (user is not null)
        {
            builder.Username = user;
            builder.Password = password;
        }
        return builder.ConnectionString;
    }

    /// <summary>A <c>postgresql://</c> URL for <paramref name="database"/> (as the CLI takes it).</summary>
    public string UrlFor(string database, string? user = null, string? password = null) =>
        $"postgresql://{Uri.EscapeDataString(user ?? AdminUser)}{(password is null ? "" : ":" + Uri.EscapeDataString(password))}@{Host}:{Port}/{database}";

    /// <summary>Runs SQL as the superuser on the <c>postgres</c> database (or another).</summary>
    public async Task ExecuteAsync(string sql, string? database = null)
    {
        await using var connection = new NpgsqlConnection(database is null ? AdminConnectionString : ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
            return new PostgresServer(given);

        var script = Path.Combine(RepositoryRoot(), "scripts", "postgres-test-server");
        var directory = Path.Combine(Path.GetTempPath(), $"waymark-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        // The script's watchdog stops the cluster when this process ends, however it ends.
        var connectionString = RunScript(script, "start", directory, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new PostgresServer(connectionString);
    }

    private static string RunScript(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} did not finish in 5 minutes");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{script} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        return output.Result.Trim();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Waymark.slnx")))
                return directory.FullName;
        throw new InvalidOperationException("The repository root (with Waymark.slnx) was not found above " + AppContext.BaseDirectory);
    }
}
