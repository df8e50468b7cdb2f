namespace TimeTracker.Tracking.Projects;

/// <summary>A project of the organization, with its client and hourly rate when it has them.</summary>
internal sealed record Project(
    long Id, long? ClientId, string Name, string? Description, decimal? HourlyRate,
    bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
