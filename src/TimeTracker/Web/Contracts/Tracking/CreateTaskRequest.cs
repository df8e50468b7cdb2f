using TimeTracker.Tracking.ProjectTasks;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>The body of <c>POST /orgs/{orgId}/projects/{projectId}/tasks</c>.</summary>
internal sealed record CreateTaskRequest(string? Name)
{
    /// <summary>The command this body asks for.</summary>
    public NewProjectTask ToCommand() => new(Name);
}
