using System.Text.Json;
using TimeTracker.Database;

namespace TimeTracker.Organizations;

/// <summary>Writes <c>audit_log</c> rows for membership, role and invitation changes, inside the change's own transaction.</summary>
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
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(details);
        return session.ExecuteAsync(
            "INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, created_at) VALUES (@actor, 'reprice', 'time_entry_rates', " +
            "@entity, @details, @now)",
            cancellationToken, ("actor", actorId), ("entity", details.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("details", new JsonText(JsonSerializer.Serialize(details, OrganizationJsonContext.Default.RepricingAuditDetails))),
            ("now", time.GetUtcNow()));
    }

    private Task<int> WriteAsync(DbSession session, long actorId, string action, string entityType, string entityId, AuditDetails details,
        CancellationToken cancellationToken) =>
        session.ExecuteAsync(
            "INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, created_at) VALUES (@actor, @action, @type, @entity, " +
            "@details, @now)",
            cancellationToken, ("actor", actorId), ("action", action), ("type", entityType), ("entity", entityId),
            ("details", new JsonText(JsonSerializer.Serialize(details, OrganizationJsonContext.Default.AuditDetails))), ("now", time.GetUtcNow()));
}
