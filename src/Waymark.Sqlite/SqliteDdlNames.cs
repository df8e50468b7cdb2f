using System.Text.RegularExpressions;
using Waymark.Schema;

namespace Waymark.Sqlite;

/// <summary>
/// The constraint names and check expressions written in a CREATE TABLE statement, which SQLite's pragmas
/// do not report. Understands the forms Waymark and SQLAlchemy write: <c>CONSTRAINT name KIND (…)</c>.
/// </summary>
internal sealed partial class SqliteDdlNames
{
    private readonly Dictionary<string, string> _foreignKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _uniques = new(StringComparer.OrdinalIgnoreCase);

    public string? PrimaryKey { get; private set; }

    public List<CheckConstraintDefinition> Checks { get; } = [];

    public string? ForeignKeyName(IEnumerable<string> columns) => _foreignKeys.GetValueOrDefault(Key(columns));

    public string? UniqueName(IEnumerable<string> columns) => _uniques.GetValueOrDefault(Key(columns));

    public static SqliteDdlNames Parse(string ddl)
    {
        var names = new SqliteDdlNames();
        foreach (Match match in NamedConstraint().Matches(ddl))
        {
            var name = Unquote(match.Groups["name"].Value);
            var kind = Regex.Replace(match.Groups["kind"].Value.ToUpperInvariant(), @"\s+", " ");
            var body = Parenthesised(ddl, match.Index + match.Length - 1);
            switch (kind)
            {
                case "PRIMARY KEY":
                    names.PrimaryKey = name;
                    break;
                case "FOREIGN KEY":
                    names._foreignKeys[Key(SplitColumns(body))] = name;
                    break;
                case "UNIQUE":
                    names._uniques[Key(SplitColumns(body))] = name;
                    break;
                case "CHECK":
                    names.Checks.Add(new CheckConstraintDefinition(name, body.Trim()));
                    break;
            }
        }
        // A column-level "CONSTRAINT name PRIMARY KEY AUTOINCREMENT" has no parenthesised list.
        if (names.PrimaryKey is null && ColumnPrimaryKey().Match(ddl) is { Success: true } column)
            names.PrimaryKey = Unquote(column.Groups["name"].Value);
        return names;
    }

    /// <summary>The condition of a partial index, from its CREATE INDEX statement.</summary>
    public static string? IndexFilter(string? createIndexSql)
    {
        if (createIndexSql is null)
            return null;
        var where = WhereClause().Match(createIndexSql);
        return where.Success ? where.Groups["filter"].Value.Trim() : null;
    }

    private static string Parenthesised(string text, int open)
    {
        if (open < 0 || open >= text.Length || text[open] != '(')
            return "";
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\'' or '"' or '`')
            {
                // Brackets inside quoted text do not count; a doubled quote is an escaped quote.
                var close = i + 1;
                while (close < text.Length && (text[close] != c || close + 1 < text.Length && text[close + 1] == c && ++close > 0))
                    close++;
                i = close;
            }
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0)
                return text.Substring(open + 1, i - open - 1);
        }
        return text[(open + 1)..];
    }

    private static IEnumerable<string> SplitColumns(string list) => list.Split(',').Select(c => Unquote(c.Trim()));

    private static string Key(IEnumerable<string> columns) => string.Join(",", columns);

    private static string Unquote(string name) =>
        name.Length >= 2 && (name[0] == '"' || name[0] == '`' || name[0] == '[')
            ? name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : name;

    [GeneratedRegex(@"CONSTRAINT\s+(?<name>""(?:[^""]|"""")+""|`[^`]+`|\[[^\]]+\]|\w+)\s+(?<kind>PRIMARY\s+KEY|FOREIGN\s+KEY|UNIQUE|CHECK)\s*\(",
        RegexOptions.IgnoreCase)]
    private static partial Regex NamedConstraint();

    [GeneratedRegex(@"CONSTRAINT\s+(?<name>""(?:[^""]|"""")+""|\w+)\s+PRIMARY\s+KEY\s+AUTOINCREMENT", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnPrimaryKey();

    [GeneratedRegex(@"\)\s*WHERE\s+(?<filter>.+)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WhereClause();
}
