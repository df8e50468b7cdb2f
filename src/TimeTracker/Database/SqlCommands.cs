using System.Data.Common;

namespace TimeTracker.Database;

/// <summary>
/// Parameterised SQL on an open connection, mapped by hand. The executable is published as Native AOT,
/// where Dapper's runtime code generation is not available; these few helpers keep every query one line.
/// </summary>
internal static class SqlCommands
{
    /// <summary>Runs a statement (inside <paramref name="transaction"/> when given) and returns how many rows it changed.</summary>
    public static async Task<int> ExecuteAsync(this DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or null.</summary>
    public static async Task<object?> ScalarAsync(this DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    /// <summary>Every row, mapped by <paramref name="map"/>.</summary>
    public static async Task<List<T>> QueryAsync<T>(this DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>The first row mapped by <paramref name="map"/>, or default when there is none.</summary>
    public static async Task<T?> QuerySingleOrDefaultAsync<T>(this DbConnection connection, DbTransaction? transaction, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? map(reader) : default;
    }

    /// <summary>A nullable column as a UTC instant; SQLite keeps timestamps as text, PostgreSQL as timestamptz.</summary>
    public static DateTimeOffset? GetInstantOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInstant(ordinal);

    /// <summary>A column as a UTC instant.</summary>
    public static DateTimeOffset GetInstant(this DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    /// <summary>A nullable text column.</summary>
    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A command for <paramref name="sql"/> with <paramref name="parameters"/> bound.</summary>
    internal static DbCommand Create(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Bind(connection, command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    /// <summary>Adds <paramref name="parameters"/> to <paramref name="target"/> as the dialect of <paramref name="connection"/> stores them.</summary>
    internal static void Bind(DbConnection connection, DbParameterCollection target, Func<DbParameter> create, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            if (value is JsonText && parameter is Npgsql.NpgsqlParameter postgres)
                postgres.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb;
            parameter.Value = value switch
            {
                null => DBNull.Value,
                JsonText json => json.Stored,
                // One text format on SQLite, so that timestamps compare correctly as text.
                DateTimeOffset instant when connection is Microsoft.Data.Sqlite.SqliteConnection => instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset instant => instant.ToUniversalTime(),
                _ => value,
            };
            target.Add(parameter);
        }
    }
}
