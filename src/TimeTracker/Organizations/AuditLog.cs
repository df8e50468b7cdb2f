using System.Text.Json;
using TimeTracker.Database;

namespace TimeTracker.Organizations;

/// <summary>Writes <c>audit_log</c> rows for membership, role, invitation, time entry and timesheet changes, inside the change's own
/// transaction; each row names its organization.</summary>
internal sealed class AuditLog(TimeProvider time)
{
    /// <summary>Records that <paramref name="actorId"/> did <paramref name="action"/> to the membership of <paramref name="userId"/>.</summary>
    public Task<int> RecordAsync(DbSession session, long actorId, string action, long organizationId, long userId, string? role, string? previousRole,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return WriteAsync(session, actorId, action, "membership", $"{organizationId}:{userId}",
            new AuditDetails(organizationId, userId, role, previousRole), cancellationToken);
    }

    /// <summary>Records that <paramref name="actorId"/> did <paramref name="action"/> to the invitation <paramref name="invitationId"/>.</summary>
    public Task<int> RecordInvitationAsync(DbSession session, long actorId, string action, long organizationId, long invitationId, string email,
        string role, CancellationToken cancellationToken) =>
        WriteAsync(session, actorId, action, "invitation", invitationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new AuditDetails(organizationId, null, role, null, email), cancellationToken);

    /// <summary>Records that <paramref name="actorId"/> re-priced time entries of an organization (entity type <c>time_entry_rates</c>).</summary>
    public Task<int> RecordRepricingAsync(DbSession session, long actorId, RepricingAuditDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        var organization = details.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(session, actorId, "reprice", "time_entry_rates", organization, details.OrganizationId,
            JsonSerializer.Serialize(details, OrganizationJsonContext.Default.RepricingAuditDetails), cancellationToken);
    }

    /// <summary>The entity type of time entries' rows.</summary>
    public const string TimeEntry = "time_entry";

    /// <summary>The entity type of timesheet periods' rows.</summary>
    public const string TimesheetPeriod = "timesheet_period";

    /// <summary>Records that <paramref name="actorId"/> did <paramref name="action"/> to time entry <paramref name="entryId"/> of
    /// <paramref name="details"/>' user: the entry before and after.</summary>
    public Task<int> RecordEntryAsync(DbSession session, long actorId, string action, long entryId, EntryAuditDetails details,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        return WriteAsync(session, actorId, action, TimeEntry, entryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details.OrganizationId, JsonSerializer.Serialize(details, OrganizationJsonContext.Default.EntryAuditDetails), cancellationToken);
    }

    /// <summary>Records that <paramref name="actorId"/> moved timesheet period <paramref name="periodId"/> from one status to another.</summary>
    public Task<int> RecordTimesheetAsync(DbSession session, long actorId, string action, long periodId, TimesheetAuditDetails details,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        return WriteAsync(session, actorId, action, TimesheetPeriod, periodId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            details.OrganizationId, JsonSerializer.Serialize(details, OrganizationJsonContext.Default.TimesheetAuditDetails), cancellationToken);
    }

    private Task<int> WriteAsync(DbSession session, long actorId, string action, string entityType, string entityId, AuditDetails details,
        CancellationToken cancellationToken) =>
        WriteAsync(session, actorId, action, entityType, entityId, details.OrganizationId,
            JsonSerializer.Serialize(details, OrganizationJsonContext.Default.AuditDetails), cancellationToken);

    private Task<int> WriteAsync(DbSession session, long actorId, string action, string entityType, string entityId, long organizationId,
        string details, CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, created_at, organization_id) VALUES (@actor, @action, @type, " +
            "@entity, @details, @now, @org)",
            cancellationToken, ("actor", actorId), ("action", action), ("type", entityType), ("entity", entityId),
            ("details", new JsonText(details)), ("now", time.GetUtcNow()), ("org", organizationId));
}
