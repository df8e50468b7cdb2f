using System.Globalization;

namespace Waymark.Schema;

/// <summary>
/// A column default. Either a constant (rendered as a literal by the dialect), the current timestamp,
/// or an SQL expression given verbatim (what reflection of a live database yields).
/// </summary>
public sealed record DefaultValue
{
    private DefaultValue(object? constant, string? sql, bool isCurrentTimestamp)
    {
        Constant = constant;
        Sql = sql;
        IsCurrentTimestamp = isCurrentTimestamp;
    }

    /// <summary>The constant value, when this default is a constant.</summary>
    public object? Constant { get; }

    /// <summary>The SQL expression, when this default is given as SQL.</summary>
    public string? Sql { get; }

    /// <summary>Whether the default is the time of the insert.</summary>
    public bool IsCurrentTimestamp { get; }

    /// <summary>A constant default: a string, a number, a boolean.</summary>
    public static DefaultValue Of(object value) => new(value, null, false);

    /// <summary>A default written in the dialect's SQL.</summary>
    public static DefaultValue FromSql(string sql) => new(null, sql, false);

    /// <summary>The time of the insert.</summary>
    public static DefaultValue CurrentTimestamp { get; } = new(null, null, true);

    /// <inheritdoc />
    public override string ToString() =>
        IsCurrentTimestamp ? "CURRENT_TIMESTAMP"
        : Sql ?? Convert.ToString(Constant, CultureInfo.InvariantCulture) ?? "";
}
