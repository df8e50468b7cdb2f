namespace Waymark.Dialects;

/// <summary>One SQL statement, with its parameters (written <c>@name</c> in the text).</summary>
public sealed record SqlStatement(string Sql, IReadOnlyDictionary<string, object?>? Parameters = null)
{
    /// <summary>
    /// Re-creates, unchanged, an object the table already had (an index or trigger put back after a table
    /// rebuild). What it says comes from the database, not from the migration, so checksums leave it out:
    /// an index someone added by hand must not make an applied migration look edited.
    /// </summary>
    public bool CarriedOver { get; init; }

    /// <summary>The statement with its parameters written as literals, for offline scripts and checksums.</summary>
    public string Inline(ISqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        if (Parameters is null || Parameters.Count == 0)
            return Sql;
        var text = Sql;
        foreach (var (name, value) in Parameters.OrderByDescending(p => p.Key.Length))
            text = text.Replace("@" + name, dialect.FormatLiteral(value), StringComparison.Ordinal);
        return text;
    }

    /// <inheritdoc />
    public override string ToString() => Sql;
}
