namespace TimeTracker.Tracking.Timesheets;

/// <summary>
/// Where a member's timesheet period stands. Open (never submitted, withdrawn or reopened) → submitted by its member →
/// approved or rejected by an admin or owner; a submitted one can be withdrawn by its member (→ open), a rejected one
/// submitted again, and an approved one reopened by an admin or owner (→ open). Every other move is a 409.
/// </summary>
internal static class TimesheetStatus
{
    public const string Open = "open";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";

    /// <summary>Every status, in the order the API lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Open, Submitted, Approved, Rejected];
}
