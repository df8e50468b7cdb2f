using System.Globalization;
using TimeTracker.Database;

namespace TimeTracker.Tracking;

/// <summary>What refers to a client, project or task: counted before a delete, so that the refusal says how many.</summary>
internal static class References
{
    /// <summary>The count <paramref name="sql"/> (with an <c>@id</c> parameter) answers.</summary>
    public static async Task<long> CountAsync(DbSession session, string sql, long id, CancellationToken cancellationToken) =>
        Convert.ToInt64(await session.ScalarAsync(sql, cancellationToken, ("id", id)), CultureInfo.InvariantCulture);

    /// <summary>"1 time entry", "12 time entries", "no invoices".</summary>
    public static string Describe(long count, string one, string many) =>
        count == 0 ? $"no {many}" : string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
