using System.Text.RegularExpressions;

namespace Waymark.Schema;

/// <summary>Identifier rewriting inside SQL expressions (check constraints, partial-index filters).</summary>
internal static class SqlIdentifiers
{
    /// <summary>
    /// <paramref name="sql"/> with the identifier <paramref name="name"/> (bare or double-quoted, whole word)
    /// replaced by <paramref name="newName"/>, as the database itself does when a column is renamed.
    /// Text inside string literals is left alone.
    /// </summary>
    public static string Rename(string sql, string name, string newName)
    {
        var pattern = $"""'(?:[^']|'')*'|(?<![\w"])("?){Regex.Escape(name)}\1(?![\w"])""";
        return Regex.Replace(sql, pattern, m => m.Value.StartsWith('\'') ? m.Value : m.Groups[1].Value + newName + m.Groups[1].Value,
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
