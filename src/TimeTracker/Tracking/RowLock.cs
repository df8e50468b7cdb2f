using System.Data.Common;

namespace TimeTracker.Tracking;

/// <summary>
/// A row read in order to change it stays held until the transaction ends, so that two changes of one row happen
/// one after the other and neither undoes the other. On PostgreSQL that is <c>FOR NO KEY UPDATE</c> (rows that refer
/// to it can still be inserted meanwhile); SQLite's write transactions are serial anyway.
/// </summary>
internal static class RowLock
{
    /// <summary>The clause to end a <c>SELECT</c> with; <paramref name="alias"/> names the one table to lock in a join.</summary>
    public static string ForChange(DbConnection connection, string? alias = null) =>
        connection is not Npgsql.NpgsqlConnection ? "" : alias is null ? " FOR NO KEY UPDATE" : $" FOR NO KEY UPDATE OF {alias}";
}
