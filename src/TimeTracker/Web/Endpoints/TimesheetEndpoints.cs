using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using TimeTracker.Paging;
using TimeTracker.Tracking.Timesheets;
using TimeTracker.Web.Authentication;
using TimeTracker.Web.Contracts.Tracking;
using TimeTracker.Web.OpenApi;
using TimeTracker.Web.Requests;
using TimeTracker.Organizations.ApiTokens;

namespace TimeTracker.Web.Endpoints;

/// <summary>
/// <c>/orgs/{orgId}/timesheet-policy</c> (the period members submit and the lock date) and <c>/orgs/{orgId}/timesheets</c>: members
/// submit their periods, admins and owners approve, reject or reopen them.
/// </summary>
internal static class TimesheetEndpoints
{
    public static void Map(RouteGroupBuilder org)
    {
        var policy = org.MapGroup("/timesheet-policy").WithTags("Timesheets").AcceptsApiTokens(ApiScope.Admin);
        policy.MapGet("/", GetPolicyAsync).WithName("getTimesheetPolicy")
            .WithSummary("The organization's timesheet period (week or month) and lock date; every member may read it.");
        policy.MapPut("/", UpdatePolicyAsync).WithName("updateTimesheetPolicy").Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Replace the timesheet period and lock date (admins and owners). 409 while timesheets await a decision (period) " +
                "or a timer runs in the days to lock.");

        var sheets = org.MapGroup("/timesheets").WithTags("Timesheets");
        sheets.MapGet("/", ListAsync).WithName("listTimesheets")
            .Paged().WithSummary("A page of submitted (once or more) timesheets, newest period first: status, userId, limit, cursor. Members see " +
                "their own.");
        sheets.MapGet("/{userId:long}/{date}", GetAsync).WithName("getTimesheet").Refuses(StatusCodes.Status400BadRequest)
            .WithSummary("A member's timesheet for the period holding date (a day such as 2026-11-02), open when never submitted.");
        sheets.MapPost("/{userId:long}/{date}/submit", SubmitAsync).WithName("submitTimesheet").Refuses(StatusCodes.Status400BadRequest,
            StatusCodes.Status409Conflict)
            .WithSummary("Submit your own period for approval; its entries are locked for you until it is decided or withdrawn.");
        sheets.MapPost("/{userId:long}/{date}/withdraw", WithdrawAsync).WithName("withdrawTimesheet").Refuses(StatusCodes.Status400BadRequest,
            StatusCodes.Status409Conflict)
            .WithSummary("Withdraw your own submitted period (it is open again).");
        sheets.MapPost("/{userId:long}/{date}/approve", ApproveAsync).WithName("approveTimesheet")
            .RequiresApiTokenScope(ApiScope.Admin).Refuses(StatusCodes.Status400BadRequest,
            StatusCodes.Status409Conflict)
            .WithSummary("Approve a submitted period (admins and owners); its entries are locked for everyone until it is reopened.");
        sheets.MapPost("/{userId:long}/{date}/reject", RejectAsync).WithName("rejectTimesheet")
            .RequiresApiTokenScope(ApiScope.Admin).Refuses(StatusCodes.Status409Conflict)
            .WithSummary("Reject a submitted period with a comment, emailed to the member (admins and owners).");
        sheets.MapPost("/{userId:long}/{date}/reopen", ReopenAsync).WithName("reopenTimesheet")
            .RequiresApiTokenScope(ApiScope.Admin).Refuses(StatusCodes.Status400BadRequest,
            StatusCodes.Status409Conflict)
            .WithSummary("Reopen an approved period (admins and owners), unlocking its entries.");
    }

    private static async Task<Ok<TimesheetPolicyResponse>> GetPolicyAsync(long orgId, CurrentUser user, TimesheetPolicies policies,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TimesheetPolicyResponse.Of(await policies.GetAsync(user.Id, orgId, cancellationToken)));

    private static async Task<Ok<TimesheetPolicyResponse>> UpdatePolicyAsync(long orgId, TimesheetPolicyRequest request, CurrentUser user,
        TimesheetPolicies policies, CancellationToken cancellationToken) =>
        TypedResults.Ok(TimesheetPolicyResponse.Of(await policies.UpdateAsync(user.Id, orgId, request.ToCommand(), cancellationToken)));

    private static async Task<Ok<Page<TimesheetResponse>>> ListAsync(long orgId,
        [AllowedValues(TimesheetStatus.Open, TimesheetStatus.Submitted, TimesheetStatus.Approved, TimesheetStatus.Rejected)] string? status,
        long? userId, string? limit, string? cursor, CurrentUser user, TimesheetWorkflow timesheets, CancellationToken cancellationToken) =>
        TypedResults.Ok((await timesheets.ListAsync(user.Id, orgId, status, userId, PageRequest.Parse(limit, cursor, byName: true),
            cancellationToken))
            .Select(TimesheetResponse.Of));

    private static async Task<Ok<TimesheetResponse>> GetAsync(long orgId, long userId, string date, CurrentUser user, TimesheetWorkflow timesheets,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(TimesheetResponse.Of(await timesheets.GetAsync(user.Id, orgId, userId, date, cancellationToken)));

    private static Task<Ok<TimesheetResponse>> SubmitAsync(long orgId, long userId, string date, CurrentUser user, TimesheetWorkflow timesheets,
        CancellationToken cancellationToken) =>
        MoveAsync(orgId, userId, date, TimesheetMove.Submit, null, user, timesheets, cancellationToken);

    private static Task<Ok<TimesheetResponse>> WithdrawAsync(long orgId, long userId, string date, CurrentUser user, TimesheetWorkflow timesheets,
        CancellationToken cancellationToken) =>
        MoveAsync(orgId, userId, date, TimesheetMove.Withdraw, null, user, timesheets, cancellationToken);

    private static Task<Ok<TimesheetResponse>> ApproveAsync(long orgId, long userId, string date, CurrentUser user, TimesheetWorkflow timesheets,
        CancellationToken cancellationToken) =>
        MoveAsync(orgId, userId, date, TimesheetMove.Approve, null, user, timesheets, cancellationToken);

    private static Task<Ok<TimesheetResponse>> RejectAsync(long orgId, long userId, string date, RejectTimesheetRequest request, CurrentUser user,
        TimesheetWorkflow timesheets, CancellationToken cancellationToken) =>
        MoveAsync(orgId, userId, date, TimesheetMove.Reject, request.Comment, user, timesheets, cancellationToken);

    private static Task<Ok<TimesheetResponse>> ReopenAsync(long orgId, long userId, string date, CurrentUser user, TimesheetWorkflow timesheets,
        CancellationToken cancellationToken) =>
        MoveAsync(orgId, userId, date, TimesheetMove.Reopen, null, user, timesheets, cancellationToken);

    private static async Task<Ok<TimesheetResponse>> MoveAsync(long orgId, long userId, string date, TimesheetMove move, string? comment,
        CurrentUser user, TimesheetWorkflow timesheets, CancellationToken cancellationToken) =>
        TypedResults.Ok(TimesheetResponse.Of(await timesheets.MoveAsync(user.Id, orgId, userId, date, move, comment, cancellationToken)));
}
