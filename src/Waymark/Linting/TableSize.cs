namespace Waymark.Linting;

/// <summary>How big a table of the live database is.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">Its rows (PostgreSQL's estimate <c>reltuples</c>, counted where never analysed; SQLite counts them).</param>
/// <param name="Bytes">Its size on disk with indexes and TOAST (<c>pg_total_relation_size</c>), or null where unknown.</param>
public sealed record TableSize(string Table, long Rows, long? Bytes);
