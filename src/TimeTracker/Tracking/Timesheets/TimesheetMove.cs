namespace TimeTracker.Tracking.Timesheets;

/// <summary>
/// One move of <see cref="TimesheetStatus"/>'s state machine: its audit action, the statuses it leaves, the status it reaches,
/// and whether the period's member makes it (submit, withdraw) or an admin or owner (approve, reject, reopen).
/// </summary>
internal sealed record TimesheetMove(string Name, string Action, IReadOnlyList<string> From, string To, bool ByManager)
{
    public static TimesheetMove Submit { get; } =
        new("submit", "timesheet.submitted", [TimesheetStatus.Open, TimesheetStatus.Rejected], TimesheetStatus.Submitted, ByManager: false);

    public static TimesheetMove Withdraw { get; } =
        new("withdraw", "timesheet.withdrawn", [TimesheetStatus.Submitted], TimesheetStatus.Open, ByManager: false);

    public static TimesheetMove Approve { get; } =
        new("approve", "timesheet.approved", [TimesheetStatus.Submitted], TimesheetStatus.Approved, ByManager: true);

    public static TimesheetMove Reject { get; } =
        new("reject", "timesheet.rejected", [TimesheetStatus.Submitted], TimesheetStatus.Rejected, ByManager: true);

    public static TimesheetMove Reopen { get; } =
        new("reopen", "timesheet.reopened", [TimesheetStatus.Approved], TimesheetStatus.Open, ByManager: true);

    /// <summary>Why this move cannot leave <paramref name="status"/>, and what to do instead.</summary>
    public string Refusal(string status) => (this, status) switch
    {
        _ when status == TimesheetStatus.Submitted && this == Submit => "It is already submitted and awaits a decision; withdraw it to change it.",
        _ when status == TimesheetStatus.Approved => "It is approved; an admin or owner must reopen it first.",
        _ when status == TimesheetStatus.Rejected => "It was rejected; fix its entries and submit it again.",
        _ when status == TimesheetStatus.Open && this == Reopen => "It is open already.",
        _ => "It has not been submitted; only a submitted timesheet can be withdrawn, approved or rejected.",
    };
}
