namespace Waymark.Schema;

/// <summary>The logical column types a migration is written in; each dialect maps them to its own SQL type.</summary>
public enum ColumnTypeKind
{
    /// <summary>A variable-length string with a maximum length.</summary>
    String,
    /// <summary>Unbounded text.</summary>
    Text,
    /// <summary>A 32-bit integer.</summary>
    Int,
    /// <summary>A 64-bit integer.</summary>
    BigInt,
    /// <summary>A boolean (0/1 where the database has no boolean).</summary>
    Bool,
    /// <summary>An exact decimal with precision and scale.</summary>
    Money,
    /// <summary>A UTC timestamp.</summary>
    Timestamp,
    /// <summary>A calendar date.</summary>
    Date,
    /// <summary>A JSON document.</summary>
    Json,
    /// <summary>A type given in the dialect's own SQL, used verbatim (what reflection of a live database yields).</summary>
    Native,
}
