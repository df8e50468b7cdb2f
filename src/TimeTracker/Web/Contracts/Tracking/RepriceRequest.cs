using System.ComponentModel.DataAnnotations;
using TimeTracker.Tracking.Rates;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// The body of <c>POST /orgs/{orgId}/rates/reprice</c>: the first and last day (in the caller's time zone, both included,
/// at most 366 days) of the entries to give the rate in effect on their day now, optionally only one project's or one
/// member's; with <c>dryRun</c> true nothing changes and the answer says what would.
/// </summary>
internal sealed record RepriceRequest(
    [property: DataType(DataType.Date)] string? From, [property: DataType(DataType.Date)] string? To, long? ProjectId = null, long? UserId = null,
    bool? DryRun = null)
{
    /// <summary>The command this body asks for.</summary>
    public NewRepricing ToCommand() => new(From, To, ProjectId, UserId, DryRun == true);
}
