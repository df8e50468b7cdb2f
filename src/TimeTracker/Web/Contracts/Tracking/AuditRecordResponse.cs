using TimeTracker.Organizations;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>
/// One row of the organization's audit log: who (<c>actorId</c>, <c>actorName</c>; null once the account is deleted) did which
/// <c>action</c> to which thing (<c>entityType</c> <c>time_entry</c>, <c>timesheet_period</c>, <c>membership</c>, <c>invitation</c>…,
/// and <c>entityId</c>), when, and its details: the person it concerns (<c>userId</c>); for entries the entry <c>before</c> and
/// <c>after</c>; for timesheets the days and the statuses left and reached, with the rejection's comment; for memberships and
/// invitations the roles and the address.
/// </summary>
internal sealed record AuditRecordResponse(
    long Id, long? ActorId, string? ActorName, string Action, string EntityType, string? EntityId, long? UserId, AuditedEntryResponse? Before,
    AuditedEntryResponse? After, DateOnly? StartsOn, DateOnly? EndsOn, string? PreviousStatus, string? Status, string? Comment, string? Role,
    string? PreviousRole, string? Email, DateTimeOffset CreatedAt)
{
    /// <summary>The response describing <paramref name="record"/>.</summary>
    public static AuditRecordResponse Of(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var d = record.Details;
        return new(record.Id, record.ActorId, record.ActorName, record.Action, record.EntityType, record.EntityId, d.UserId,
            AuditedEntryResponse.Of(d.Before), AuditedEntryResponse.Of(d.After), d.StartsOn, d.EndsOn, d.PreviousStatus, d.Status, d.Comment, d.Role,
            d.PreviousRole, d.Email, record.CreatedAt);
    }
}
