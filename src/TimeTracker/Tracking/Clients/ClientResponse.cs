namespace TimeTracker.Tracking.Clients;

/// <summary>A client of the organization.</summary>
internal sealed record ClientResponse(long Id, string Name, string? Email, bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt);
