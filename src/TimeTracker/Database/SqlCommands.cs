using System.Data.Common;

namespace TimeTracker.Database;

/// <summary>
/// Commands of a <see cref="DbSession"/>: parameterised SQL whose parameters are bound as the session's dialect
/// stores them (instants as sortable text on SQLite, JSON as <c>jsonb</c> on PostgreSQL).
/// </summary>
internal static class SqlCommands
{
    /// <summary>A command for <paramref name="sql"/> with <paramref name="parameters"/> bound, in the session's transaction.</summary>
    internal static DbCommand Create(DbSession session, string sql, (string Name, object? Value)[] parameters)
    {
        var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        Bind(session.Dialect, command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    /// <summary>Adds <paramref name="parameters"/> to <paramref name="target"/> as <paramref name="dialect"/> stores them.</summary>
    internal static void Bind(SqlDialect dialect, DbParameterCollection target, Func<DbParameter> create, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = create();
            parameter.ParameterName = name;
            dialect.SetValue(parameter, value);
            target.Add(parameter);
        }
    }
}
