namespace TimeTracker.Organizations;

/// <summary>One row of an organization's audit log: who did what to which thing, when, and its details.</summary>
internal sealed record AuditRecord(
    long Id, long? ActorId, string? ActorName, string Action, string EntityType, string? EntityId, AuditRecordDetails Details,
    DateTimeOffset CreatedAt);
