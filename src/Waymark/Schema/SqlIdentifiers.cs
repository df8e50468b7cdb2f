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
    public static string Rename(string sql, string name, string newName) =>
        Regex.Replace(sql, Pattern(name), m => m.Value.StartsWith('\'') ? m.Value : m.Groups[1].Value + newName + m.Groups[1].Value,
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Whether <paramref name="sql"/> names the identifier <paramref name="name"/> outside its string literals.</summary>
    public static bool Mentions(string sql, string name) =>
        Regex.Matches(sql, Pattern(name), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant).Any(m => !m.Value.StartsWith('\''));

    // A string literal (matched so that it can be skipped), or the identifier, bare or double-quoted, as a whole word.
    private static string Pattern(string name) => $"""'(?:[^']|'')*'|(?<![\w"])("?){Regex.Escape(name)}\1(?![\w"])""";
}
