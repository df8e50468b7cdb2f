using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Waymark.Dialects;

namespace Waymark.Execution;

/// <summary>Executes statements on a connection, logging each with its timing.</summary>
internal sealed class SqlRunner(ILogger logger)
{
    public async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, SqlStatement statement, CancellationToken cancellationToken)
    {
        await using var command = Create(connection, transaction, statement);
        var started = Stopwatch.GetTimestamp();
        var affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Log.StatementExecuted(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds, statement.Sql);
        return affected;
    }

    /// <summary>The first column of every row, as the driver returns it (<see cref="DBNull"/> for NULL).</summary>
    public static async Task<List<object>> QueryValuesAsync(
        DbConnection connection, DbTransaction? transaction, SqlStatement statement, CancellationToken cancellationToken)
    {
        await using var command = Create(connection, transaction, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new List<object>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            values.Add(reader.GetValue(0));
        return values;
    }

    private static DbCommand Create(DbConnection connection, DbTransaction? transaction, SqlStatement statement)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.Sql;
        if (statement.Parameters is not null)
        {
            foreach (var (name, value) in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = value ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
        }
        return command;
    }
}
