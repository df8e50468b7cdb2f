namespace Waymark.Schema;

/// <summary>A column's type: a logical type with its parameters, or a native SQL type read from a live database.</summary>
public sealed record ColumnType(ColumnTypeKind Kind, int? Length = null, int? Precision = null, int? Scale = null, string? NativeSql = null)
{
    /// <summary>A string of at most <paramref name="length"/> characters.</summary>
    public static ColumnType String(int length) => new(ColumnTypeKind.String, Length: length);

    /// <summary>Unbounded text.</summary>
    public static ColumnType Text { get; } = new(ColumnTypeKind.Text);

    /// <summary>A 32-bit integer.</summary>
    public static ColumnType Int { get; } = new(ColumnTypeKind.Int);

    /// <summary>A 64-bit integer.</summary>
    public static ColumnType BigInt { get; } = new(ColumnTypeKind.BigInt);

    /// <summary>A boolean.</summary>
    public static ColumnType Bool { get; } = new(ColumnTypeKind.Bool);

    /// <summary>An exact decimal number.</summary>
    public static ColumnType Money(int precision, int scale) => new(ColumnTypeKind.Money, Precision: precision, Scale: scale);

    /// <summary>A UTC timestamp.</summary>
    public static ColumnType Timestamp { get; } = new(ColumnTypeKind.Timestamp);

    /// <summary>A calendar date.</summary>
    public static ColumnType Date { get; } = new(ColumnTypeKind.Date);

    /// <summary>A JSON document.</summary>
    public static ColumnType Json { get; } = new(ColumnTypeKind.Json);

    /// <summary>A type in the dialect's own SQL, emitted as given.</summary>
    public static ColumnType Native(string sql) => new(ColumnTypeKind.Native, NativeSql: sql);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ColumnTypeKind.String => $"string({Length})",
        ColumnTypeKind.Money => $"money({Precision},{Scale})",
        ColumnTypeKind.Native => NativeSql ?? "",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
