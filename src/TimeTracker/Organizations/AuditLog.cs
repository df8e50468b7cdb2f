using System.Data.Common;
using System.Text.Json;
using TimeTracker.Database;

namespace TimeTracker.Organizations;

/// <summary>Writes <c>audit_log</c> rows for membership and role changes, inside the change's own transaction.</summary>
internal sealed class AuditLog(TimeProvider time)
{
    /// <summary>Records that <paramref name="actorId"/> did <paramref name="action"/> to the membership of <paramref name="userId"/>.</summary>
    public Task RecordAsync(DbTransaction transaction, long actorId, string action, long organizationId, long userId, string? role, string? previousRole, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var details = JsonSerializer.Serialize(new AuditDetails(organizationId, userId, role, previousRole), OrganizationJsonContext.Default.AuditDetails);
        return transaction.Connection!.ExecuteAsync(transaction,
            "INSERT INTO audit_log (user_id, action, entity_type, entity_id, details, created_at) VALUES (@actor, @action, 'membership', @entity, @details, @now)",
            cancellationToken, ("actor", actorId), ("action", action), ("entity", $"{organizationId}:{userId}"), ("details", new JsonText(details)), ("now", time.GetUtcNow()));
    }
}
