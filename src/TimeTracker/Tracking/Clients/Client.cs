namespace TimeTracker.Tracking.Clients;

/// <summary>A client of the organization; archived ones keep when they were archived.</summary>
internal sealed record Client(long Id, string Name, string? Email, bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt);
