namespace TimeTracker.Tracking.Projects;

/// <summary>The body of <c>POST /orgs/{orgId}/projects</c>.</summary>
internal sealed record CreateProjectRequest(string? Name, long? ClientId = null, string? Description = null, decimal? HourlyRate = null);
