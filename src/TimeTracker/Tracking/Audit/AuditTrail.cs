using System.Text.Json;
using TimeTracker.Database;
using TimeTracker.Organizations;
using TimeTracker.Paging;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Audit;

/// <summary>
/// An organization's audit log as its admins and owners read it: every row the organization's changes wrote (memberships, invitations,
/// time entries, timesheets), newest first, by keyset on the organization's index.
/// </summary>
internal sealed class AuditTrail(AppDatabase database)
{
    /// <summary>A page of the organization's audit rows that match <paramref name="query"/> (admins and owners).</summary>
    public async Task<Page<AuditRecord>> ListAsync(long userId, long organizationId, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = PageRequest.Parse(query.Limit, query.Cursor, byName: false);
        var validation = new RequestValidation();
        var entityType = query.EntityType is null ? null : validation.Name("entityType", query.EntityType, 100);
        var entityId = query.EntityId is null ? null : validation.Name("entityId", query.EntityId, 64);
        validation.ThrowIfInvalid();

        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("read the audit log");
            var calendar = await LocalCalendar.OfUserAsync(session, userId, cancellationToken);
            var range = TimeRange.Parse(validation, query.From, query.To, calendar, datesOnly: false);
            validation.ThrowIfInvalid();
            var sql = new System.Text.StringBuilder(
                $"SELECT a.id, a.user_id, u.name, a.action, a.entity_type, a.entity_id, {session.Dialect.JsonAsText("a.details")} AS details, " +
                    $"a.created_at " +
                "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE a.organization_id = @org");
            if (entityType is not null)
                sql.Append(" AND a.entity_type = @type");
            if (entityId is not null)
                sql.Append(" AND a.entity_id = @entity");
            if (query.ActorId is not null)
                sql.Append(" AND a.user_id = @actor");
            if (range?.Start is not null)
                sql.Append(" AND a.created_at >= @from");
            if (range?.End is not null)
                sql.Append(" AND a.created_at < @to");
            if (page.After is not null)
                sql.Append(" AND a.id < @afterId");
            sql.Append(" ORDER BY a.id DESC LIMIT @limit");
            var rows = await session.QueryAsync(sql.ToString(), Read, cancellationToken,
                [("org", organizationId), ("type", entityType), ("entity", entityId), ("actor", query.ActorId), ("from", range?.Start),
                    ("to", range?.End), .. page.Parameters]);
            return page.PageOf(rows, r => new PageCursor(0, r.Id, null));
        }, cancellationToken);
    }

    private static AuditRecord Read(DbRow r) =>
        new(r.Int64("id"), r.Int64OrNull("user_id"), r.StringOrNull("name"), r.String("action"), r.String("entity_type"), r.StringOrNull("entity_id"),
            r.StringOrNull("details") is { } details
                ? JsonSerializer.Deserialize(details, OrganizationJsonContext.Default.AuditRecordDetails) ?? new AuditRecordDetails()
                : new AuditRecordDetails(),
            r.Instant("created_at"));
}
