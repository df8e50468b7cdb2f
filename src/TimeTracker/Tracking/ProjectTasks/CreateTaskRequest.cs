namespace TimeTracker.Tracking.ProjectTasks;

/// <summary>The body of <c>POST /orgs/{orgId}/projects/{projectId}/tasks</c>.</summary>
internal sealed record CreateTaskRequest(string? Name);
