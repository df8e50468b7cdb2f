using System.Text;
using TimeTracker.Database;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Reports;

/// <summary>
/// The entries a report counts, as one condition on <c>time_entries e</c>: the organization's finished entries that
/// started within whole days of the caller's time zone, the caller's own only when they are a member, and the filter's.
/// The summary and the detailed report share it, so that both count the same entries.
/// </summary>
/// <param name="Calendar">The caller's time zone.</param>
/// <param name="First">The first day covered.</param>
/// <param name="Last">The last day covered.</param>
/// <param name="Where">The condition, with <see cref="Parameters"/>.</param>
/// <param name="Condition">The condition without the date range: the organization's finished entries the caller may see
/// that the filter lets through (also with <see cref="Parameters"/>).</param>
/// <param name="Parameters">The conditions' parameters.</param>
/// <param name="Filter">The filter the conditions apply.</param>
/// <param name="IsWholeOrganization">Whether the scope is everyone's time, unfiltered but perhaps for billability: what
/// the daily totals can answer (<see cref="SummaryCells"/>).</param>
internal sealed record ReportScope(LocalCalendar Calendar, DateOnly First, DateOnly Last, string Where, string Condition,
    IReadOnlyList<(string, object?)> Parameters, ReportFilter Filter, bool IsWholeOrganization)
{
    /// <summary>
    /// The scope of <paramref name="from"/> to <paramref name="to"/> (dates, both included) and <paramref name="filter"/>
    /// for <paramref name="member"/>, or a 400 with every error of <paramref name="validation"/>.
    /// </summary>
    /// <remarks>
    /// A member's report is their own time whatever they ask: a <c>userId</c> filter only narrows it, so naming another
    /// member answers no time rather than a refusal (the summary has always answered members so).
    /// </remarks>
    public static async Task<ReportScope> OpenAsync(DbSession session, MemberContext member, RequestValidation validation, string? from, string? to,
        ReportFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(filter);
        var calendar = await LocalCalendar.OfUserAsync(session, member.UserId, cancellationToken);
        var range = TimeRange.Parse(validation, from, to, calendar, datesOnly: true);
        validation.ThrowIfInvalid();

        var parameters = new List<(string, object?)> { ("org", member.OrganizationId), ("from", range!.Start), ("to", range.End) };
        var where = new StringBuilder("e.organization_id = @org AND e.duration_seconds IS NOT NULL");
        if (!member.IsManager)
        {
            where.Append(" AND e.user_id = @user");
            parameters.Add(("user", member.UserId));
        }
        filter.AppendTo(where, parameters);
        var (first, last) = range.Days!.Value;
        var wholeOrganization = member.IsManager && filter.FiltersOnlyBillability;
        return new ReportScope(calendar, first, last, $"e.started_at >= @from AND e.started_at < @to AND {where}", where.ToString(), parameters,
            filter, wholeOrganization);
    }
}
