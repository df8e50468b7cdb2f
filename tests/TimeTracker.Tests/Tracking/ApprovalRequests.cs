using System.Globalization;
using System.Net.Http.Json;
using TimeTracker.Tests.Api;

namespace TimeTracker.Tests.Tracking;

/// <summary>Timesheet periods, the policy and the audit log over HTTP, for the approval tests.</summary>
public static class ApprovalRequests
{
    /// <summary>The Monday of the week before the API clock's (UTC, the test users' zone): a period that is over.</summary>
    public static DateOnly LastWeek(this TestApi api)
    {
        var today = DateOnly.FromDateTime(api.Time.GetUtcNow().UtcDateTime);
        return today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
    }

    /// <summary>9:00 UTC on <paramref name="day"/>.</summary>
    public static DateTimeOffset Morning(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Task<HttpResponseMessage> MoveAsync(this TestApi api, Team team, TestUser actor, TestUser owner, DateOnly day, string move,
        object? body = null) =>
        api.PostAsync(team.Path($"timesheets/{owner.Id}/{Iso(day)}/{move}"), body, actor.Token);

    public static Task<HttpResponseMessage> PutPolicyAsync(this TestApi api, Team team, TestUser actor, string period, string? lockDate)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, team.Path("timesheet-policy")) { Content = JsonContent.Create(new { period, lockDate }) };
        request.Headers.Authorization = new("Bearer", actor.Token);
        return api.Client.SendAsync(request);
    }

    /// <summary>How many audit rows the organization has of <paramref name="entityType"/>.</summary>
    public static async Task<int> AuditRowsAsync(this TestApi api, Team team, string entityType = "time_entry") =>
        int.Parse((await api.SqlAsync($"SELECT COUNT(*) FROM audit_log WHERE organization_id = {team.OrgId} AND entity_type = '{entityType}'"))[0],
            CultureInfo.InvariantCulture);
}
