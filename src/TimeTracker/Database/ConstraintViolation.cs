using System.Data.Common;

namespace TimeTracker.Database;

/// <summary>Which constraint a failed statement broke, read the same way on both databases.</summary>
internal static class ConstraintViolation
{
    /// <summary>Whether <paramref name="ex"/> is a unique-constraint (or primary-key) violation.</summary>
    public static bool IsUnique(DbException ex) => ex switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };

    /// <summary>Whether <paramref name="ex"/> is a foreign-key violation: a row another still refers to, or a reference to none.</summary>
    public static bool IsForeignKey(DbException ex) => ex switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode == 787,
        _ => false,
    };
}
