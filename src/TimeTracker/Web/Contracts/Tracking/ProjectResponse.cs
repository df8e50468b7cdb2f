using TimeTracker.Tracking.Projects;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>A project of the organization, with its client (if any) and its own hourly rate in effect today (if any; see
/// <c>GET /orgs/{orgId}/rates</c> for its history).</summary>
internal sealed record ProjectResponse(
    long Id, long? ClientId, string Name, string? Description, decimal? HourlyRate,
    bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The response describing <paramref name="project"/>.</summary>
    public static ProjectResponse Of(Project project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return new(project.Id, project.ClientId, project.Name, project.Description, project.HourlyRate, project.Archived, project.ArchivedAt,
            project.CreatedAt, project.UpdatedAt);
    }
}
