using TimeTracker.Tracking.ProjectTasks;

namespace TimeTracker.Web.Contracts.Tracking;

/// <summary>A task of a project.</summary>
internal sealed record TaskResponse(long Id, long ProjectId, string Name, bool Archived, DateTimeOffset? ArchivedAt, DateTimeOffset CreatedAt)
{
    /// <summary>The response describing <paramref name="task"/>.</summary>
    public static TaskResponse Of(ProjectTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Id, task.ProjectId, task.Name, task.Archived, task.ArchivedAt, task.CreatedAt);
    }
}
