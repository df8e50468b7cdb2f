using System.Data.Common;
using Waymark.Execution;

namespace Waymark.Linting;

/// <summary>
/// What <c>db lint</c> reads in the live database, in one transaction that cannot write: every table's size, and how many
/// rows would break each new unique index or NOT NULL of the replay (where the live table has those columns).
/// </summary>
internal sealed class LiveReadings
{
    private readonly Dictionary<string, TableSize> _sizes;

    private LiveReadings(IEnumerable<TableSize> sizes, IReadOnlyList<LintFinding> broken)
    {
        _sizes = sizes.ToDictionary(s => s.Table, StringComparer.OrdinalIgnoreCase);
        Broken = broken;
    }

    /// <summary>The findings of rows that break a change, with their counts.</summary>
    public IReadOnlyList<LintFinding> Broken { get; }

    /// <summary>The live table's size, or null when there is no such table.</summary>
    public TableSize? Size(string? table) => table is not null && _sizes.TryGetValue(table, out var size) ? size : null;

    public static async Task<LiveReadings> ReadAsync(IDatabaseProvider live, IReadOnlyList<BreakCheck> checks, CancellationToken cancellationToken)
    {
        // A database that does not exist has no rows; reading it must not create it.
        if (!await live.ExistsAsync(cancellationToken).ConfigureAwait(false))
            return new LiveReadings([], []);
        var connection = await live.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var transaction = await live.LintProbe.BeginReadOnlyAsync(connection, cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    var sizes = await live.LintProbe.ReadSizesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                    var broken = new List<LintFinding>();
                    foreach (var check in checks)
                        if (await CountAsync(live, connection, transaction, check, cancellationToken).ConfigureAwait(false) is > 0 and var rows)
                            broken.Add(check.Finding with
                            {
                                BrokenRows = rows,
                                Message = $"{check.Finding.Message}, and {rows} row(s) of the live {check.Table} break it" +
                                    (check.Unique ? " (they share values)" : " (they hold NULL)"),
                            });
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return new LiveReadings(sizes, broken);
                }
            }
            catch (DbException ex)
            {
                throw new DatabaseUnavailableException(live.DisplayName,
                    $"its tables cannot be read ({ex.Message}). db lint reads table sizes and counts rows there, read only.", ex);
            }
        }
    }

    /// <summary>The rows that break <paramref name="check"/>, or null when the live table lacks its table or columns.</summary>
    private static async Task<long?> CountAsync(
        IDatabaseProvider live, DbConnection connection, DbTransaction transaction, BreakCheck check, CancellationToken cancellationToken)
    {
        var table = await live.SchemaReader.ReadTableAsync(connection, transaction, check.Table, cancellationToken).ConfigureAwait(false);
        if (table is null || check.Columns?.Any(c => table.FindColumn(c) is null) == true)
            return null;
        var dialect = live.Dialect;
        var from = dialect.QuoteIdentifier(check.Table);
        var columns = check.Columns?.Select(dialect.QuoteIdentifier).ToList();
        var sql = columns switch
        {
            null => $"SELECT count(*) FROM {from}",
            _ when check.Unique => $"SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n FROM {from} WHERE " +
                $"{string.Join(" AND ", columns.Select(c => c + " IS NOT NULL"))} GROUP BY {string.Join(", ", columns)} HAVING count(*) > 1) d",
            _ => $"SELECT count(*) FROM {from} WHERE {string.Join(" OR ", columns.Select(c => c + " IS NULL"))}",
        };
        var values = await SqlRunner.QueryValuesAsync(
            connection, transaction, new Dialects.SqlStatement(sql), cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(values[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
