namespace TimeTracker.Tracking.ProjectTasks;

/// <summary>A task of a project.</summary>
internal sealed record ProjectTask(long Id, long ProjectId, string Name, bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt);
