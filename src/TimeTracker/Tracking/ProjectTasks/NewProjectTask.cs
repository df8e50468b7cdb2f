namespace TimeTracker.Tracking.ProjectTasks;

/// <summary>A task to create on a project, as asked (validated by <see cref="TaskCatalog.CreateAsync"/>).</summary>
internal sealed record NewProjectTask(string? Name);
