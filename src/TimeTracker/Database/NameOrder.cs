namespace TimeTracker.Database;

/// <summary>
/// Lists sorted by name sort alike on both dialects: by the name with the ASCII letters upper-cased, compared by
/// code point, then by id. The database's own collation would not do: PostgreSQL sorts by its locale, SQLite by
/// code point, and a cursor must continue in exactly the order the previous page was read
/// (<see cref="SqlDialect.NameKey"/>).
/// </summary>
internal static class NameOrder
{
    /// <summary>The sort key of the text <paramref name="expression"/> (a column or a parameter).</summary>
    public static string Key(SqlDialect dialect, string expression)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        return dialect.NameKey(expression);
    }

    /// <summary>The <c>ORDER BY</c> list of rows sorted by <paramref name="name"/>, then <paramref name="id"/>.</summary>
    public static string OrderBy(SqlDialect dialect, string name, string id) => $"{Key(dialect, name)}, {id}";

    /// <summary>
    /// The condition of the rows after a <see cref="Paging.PageRequest"/>'s cursor (<c>@afterName</c>, <c>@afterId</c>) in that order.
    /// </summary>
    public static string After(SqlDialect dialect, string name, string id) =>
        $"({Key(dialect, name)}, {id}) > ({Key(dialect, "@afterName")}, @afterId)";
}
