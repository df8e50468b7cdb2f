using System.Globalization;
using Npgsql;
using Waymark.Execution;
using Waymark.Schema;
using Waymark.Testing;

namespace Waymark.Postgres.Tests.Support;

/// <summary>A fresh, empty database on the test server, dropped on dispose.</summary>
public sealed class TestDatabase : ScenarioDatabase
{
    private TestDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        Name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    /// <summary>A superuser connection string to this database.</summary>
    public override string ConnectionString { get; }

    public string Name { get; }

    public static async Task<TestDatabase> CreateAsync() => new(await PostgresServer.Instance.CreateDatabaseAsync("wm"));

    /// <summary>A fresh database, as the shared scenarios ask for one.</summary>
    public static async Task<ScenarioDatabase> CreateScenarioAsync() => await CreateAsync();

    public PostgresDatabaseProvider Provider() => new(ConnectionString);

    public override IDatabaseProvider NewProvider() => Provider();

    /// <summary>An inspection connection, as the superuser.</summary>
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every row of a query, each value as text ("NULL" for null, booleans as true/false), columns joined with '|'.</summary>
    public override async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values[i] = reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) switch
                {
                    bool b => b ? "true" : "false",
                    DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    var value => Convert.ToString(value, CultureInfo.InvariantCulture)!,
                };
            }
            rows.Add(string.Join("|", values));
        }
        return rows;
    }

    /// <summary>Whether a table (or any relation) of that name, optionally schema-qualified, exists.</summary>
    public override async Task<bool> TableExistsAsync(string table) =>
        await ScalarAsync($"SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND {Where(table)}") == 1;

    public override async Task<bool> IndexExistsAsync(string index) =>
        await ScalarAsync($"SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'i' AND {Where(index)}") == 1;

    /// <summary>The user tables of every schema but the system ones, as schema.name.</summary>
    public Task<List<string>> QualifiedTablesAsync() => RowsAsync(
        "SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");

    public override Task<List<string>> AllTablesAsync() => RowsAsync(
        "SELECT CASE schemaname WHEN 'public' THEN tablename ELSE schemaname || '.' || tablename END FROM pg_tables "
        + "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1");

    public override async Task<SchemaSnapshot> ReadSchemaAsync()
    {
        await using var connection = await OpenAsync();
        return await new PostgresSchemaReader().ReadAsync(connection, null, CancellationToken.None);
    }

    public override async Task<TableDefinition> ReadTableAsync(string table)
    {
        await using var connection = await OpenAsync();
        return await new PostgresSchemaReader().ReadTableAsync(connection, null, table, CancellationToken.None)
            ?? throw new InvalidOperationException($"no table {table}");
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await PostgresServer.Instance.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // A leftover database on a throwaway server is harmless.
        }
    }

    private static string Where(string name)
    {
        var dot = name.LastIndexOf('.');
        var schema = dot < 0 ? "public" : name[..dot];
        return $"n.nspname = '{schema}' AND c.relname = '{name[(dot + 1)..]}'";
    }
}
