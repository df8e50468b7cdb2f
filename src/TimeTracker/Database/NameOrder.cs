using System.Data.Common;

namespace TimeTracker.Database;

/// <summary>
/// Lists sorted by name sort alike on both dialects: by the name with the ASCII letters upper-cased, compared by
/// code point, then by id. The database's own collation would not do: PostgreSQL sorts by its locale, SQLite by
/// code point, and a cursor must continue in exactly the order the previous page was read. <c>upper()</c> folds
/// ASCII letters only on SQLite, and on PostgreSQL under the C collation, so both fold the same letters.
/// </summary>
internal static class NameOrder
{
    /// <summary>The sort key of the text <paramref name="expression"/> (a column or a parameter).</summary>
    public static string Key(DbConnection connection, string expression) =>
        connection is Npgsql.NpgsqlConnection ? $"upper({expression} COLLATE \"C\")" : $"upper({expression})";

    /// <summary>The <c>ORDER BY</c> list of rows sorted by <paramref name="name"/>, then <paramref name="id"/>.</summary>
    public static string OrderBy(DbConnection connection, string name, string id) => $"{Key(connection, name)}, {id}";

    /// <summary>The condition of the rows after a <see cref="Paging.PageRequest"/>'s cursor (<c>@afterName</c>, <c>@afterId</c>) in that order.</summary>
    public static string After(DbConnection connection, string name, string id) =>
        $"({Key(connection, name)}, {id}) > ({Key(connection, "@afterName")}, @afterId)";
}
