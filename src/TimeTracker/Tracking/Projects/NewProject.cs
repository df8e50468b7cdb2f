namespace TimeTracker.Tracking.Projects;

/// <summary>A project to create, as asked (validated by <see cref="ProjectCatalog.CreateAsync"/>).</summary>
internal sealed record NewProject(string? Name, long? ClientId, string? Description, decimal? HourlyRate);
