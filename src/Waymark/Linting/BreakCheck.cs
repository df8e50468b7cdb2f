namespace Waymark.Linting;

/// <summary>
/// A change whose rows the live database may break: counted there, read only, after the replay. Null
/// <paramref name="Columns"/>: every row breaks it (a NOT NULL column without a default).
/// </summary>
/// <param name="Finding">The finding to report when rows break it.</param>
/// <param name="Table">The table.</param>
/// <param name="Columns">The columns: of the unique index, or the one made NOT NULL.</param>
/// <param name="Unique">True: rows that share values break it; false: rows with a NULL do.</param>
internal sealed record BreakCheck(LintFinding Finding, string Table, IReadOnlyList<string>? Columns, bool Unique);
