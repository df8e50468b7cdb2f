using TimeTracker.Tracking.Rates;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The answer of <c>GET /orgs/{orgId}/rates</c>: rate changes by level, project and member, the newest first within each
/// level; <c>truncated</c> when there were more than 500 (narrow the list by level, projectId or userId).
/// </summary>
internal sealed record RateListResponse(IReadOnlyList<RateResponse> Items, bool Truncated)
{
    /// <summary>The response describing <paramref name="list"/>.</summary>
    public static RateListResponse Of(RateList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new([.. list.Items.Select(RateResponse.Of)], list.Truncated);
    }
}
