using System.Data.Common;
using System.Globalization;

namespace TimeTracker.Database;

/// <summary>
/// The current row of a query, read by column name. Each name is looked up once per reader, on its first use, and a
/// name the query does not return (or returns twice) fails with the name and the query, so that a changed
/// <c>SELECT</c> list cannot shift values into the wrong fields as reading by position would.
/// </summary>
internal sealed class DbRow
{
    private readonly DbDataReader _reader;
    private readonly string _sql;
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The rows of <paramref name="reader"/>, which runs <paramref name="sql"/> (named in errors).</summary>
    internal DbRow(DbDataReader reader, string sql)
    {
        _reader = reader;
        _sql = sql;
    }

    /// <summary>Whether the column is null.</summary>
    public bool IsNull(string column) => _reader.IsDBNull(Ordinal(column));

    /// <summary>A bigint column.</summary>
    public long Int64(string column) => _reader.GetInt64(Ordinal(column));

    /// <summary>A nullable bigint column.</summary>
    public long? Int64OrNull(string column) => Present(column) is { } i ? _reader.GetInt64(i) : null;

    /// <summary>An integer column.</summary>
    public int Int32(string column) => _reader.GetInt32(Ordinal(column));

    /// <summary>A nullable integer column.</summary>
    public int? Int32OrNull(string column) => Present(column) is { } i ? _reader.GetInt32(i) : null;

    /// <summary>A whole number of any integer width (a count PostgreSQL gives as bigint and SQLite as integer).</summary>
    public int Count(string column) => Convert.ToInt32(_reader.GetValue(Ordinal(column)), CultureInfo.InvariantCulture);

    /// <summary>A text column.</summary>
    public string String(string column) => _reader.GetString(Ordinal(column));

    /// <summary>A nullable text column.</summary>
    public string? StringOrNull(string column) => Present(column) is { } i ? _reader.GetString(i) : null;

    /// <summary>A boolean column.</summary>
    public bool Boolean(string column) => _reader.GetBoolean(Ordinal(column));

    /// <summary>A numeric column.</summary>
    public decimal Decimal(string column) => _reader.GetDecimal(Ordinal(column));

    /// <summary>A nullable numeric column.</summary>
    public decimal? DecimalOrNull(string column) => Present(column) is { } i ? _reader.GetDecimal(i) : null;

    /// <summary>A column as a UTC instant; SQLite keeps timestamps as text, PostgreSQL as timestamptz.</summary>
    public DateTimeOffset Instant(string column) => _reader.GetFieldValue<DateTimeOffset>(Ordinal(column)).ToUniversalTime();

    /// <summary>A nullable column as a UTC instant.</summary>
    public DateTimeOffset? InstantOrNull(string column) =>
        Present(column) is { } i ? _reader.GetFieldValue<DateTimeOffset>(i).ToUniversalTime() : null;

    /// <summary>A date column (PostgreSQL's <c>date</c>, SQLite's <c>yyyy-MM-dd</c> text).</summary>
    public DateOnly Date(string column) => _reader.GetFieldValue<DateOnly>(Ordinal(column));

    /// <summary>A nullable date column.</summary>
    public DateOnly? DateOrNull(string column) => Present(column) is { } i ? _reader.GetFieldValue<DateOnly>(i) : null;

    // The column's ordinal, or null when its value is null.
    private int? Present(string column)
    {
        var ordinal = Ordinal(column);
        return _reader.IsDBNull(ordinal) ? null : ordinal;
    }

    private int Ordinal(string column)
    {
        if (_ordinals.TryGetValue(column, out var known))
            return known;
        var found = -1;
        for (var i = 0; i < _reader.FieldCount; i++)
        {
            if (!string.Equals(_reader.GetName(i), column, StringComparison.OrdinalIgnoreCase))
                continue;
            if (found >= 0)
                throw new InvalidOperationException($"The query returns two columns named '{column}'; give one an alias. Query: {_sql}");
            found = i;
        }
        if (found < 0)
        {
            var names = string.Join(", ", Enumerable.Range(0, _reader.FieldCount).Select(_reader.GetName));
            throw new InvalidOperationException($"The query returns no column named '{column}' (it returns {names}). Query: {_sql}");
        }
        _ordinals.Add(column, found);
        return found;
    }
}
