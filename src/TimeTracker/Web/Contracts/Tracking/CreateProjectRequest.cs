using TimeTracker.Tracking.Projects;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>The body of <c>POST /orgs/{orgId}/projects</c>.</summary>
internal sealed record CreateProjectRequest(string? Name, long? ClientId = null, string? Description = null, decimal? HourlyRate = null)
{
    /// <summary>The command this body asks for.</summary>
    public NewProject ToCommand() => new(Name, ClientId, Description, HourlyRate);
}
