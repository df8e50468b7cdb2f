namespace TimeTracker.Tracking.Projects;

/// <summary>A project of the organization, with its client (if any) and hourly rate (if any; else each member's default rate applies).</summary>
internal sealed record ProjectResponse(
    long Id, long? ClientId, string Name, string? Description, decimal? HourlyRate,
    bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
