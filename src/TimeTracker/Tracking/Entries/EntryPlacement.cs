using TimeTracker.Database;
using TimeTracker.Errors;

namespace TimeTracker.Tracking.Entries;

/// <summary>
/// The project and task an entry is tracked against: both the organization's and active. A task alone implies
/// its project; a task and a project must agree.
/// </summary>
internal static class EntryPlacement
{
    /// <summary>The project and task to store, or a 400 saying which is wrong and why.</summary>
    public static Task<(long? ProjectId, long? TaskId)> ResolveAsync(
        DbSession session, long organizationId, long? projectId, long? taskId, CancellationToken cancellationToken) =>
        session.RunAsync(batch => Check(batch, organizationId, projectId, taskId), cancellationToken);

    /// <summary>Queues the check of <see cref="ResolveAsync"/>; reading the result throws its 400.</summary>
    public static BatchResult<(long? ProjectId, long? TaskId)> Check(SqlBatch batch, long organizationId, long? projectId, long? taskId)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (taskId is { } task)
        {
            return batch.QuerySingleOrDefault(
                    "SELECT t.project_id, t.archived AS task_archived, p.archived AS project_archived FROM tasks t JOIN projects p " +
                    "ON p.id = t.project_id WHERE t.id = @task AND p.organization_id = @org",
                    r => (Project: r.Int64("project_id"), TaskArchived: r.Boolean("task_archived"), ProjectArchived: r.Boolean("project_archived")),
                        ("task", task), ("org", organizationId))
                .Select(found =>
                {
                    if (found == default)
                        throw Invalid("taskId", $"No task {task} in organization {organizationId}.");
                    if (projectId is { } project && project != found.Project)
                        throw Invalid("taskId", $"Task {task} belongs to project {found.Project}, not to project {project}.");
                    if (found.TaskArchived)
                        throw Invalid("taskId", $"Task {task} is archived; restore it or choose another.");
                    if (found.ProjectArchived)
                        throw Invalid("projectId", $"Project {found.Project} is archived; restore it or choose another.");
                    return ((long?)found.Project, (long?)task);
                });
        }
        if (projectId is { } only)
        {
            return batch.QuerySingleOrDefault("SELECT archived FROM projects WHERE id = @id AND organization_id = @org",
                    r => (bool?)r.Boolean("archived"), ("id", only), ("org", organizationId))
                .Select(archived => archived switch
                {
                    null => throw Invalid("projectId", $"No project {only} in organization {organizationId}."),
                    true => throw Invalid("projectId", $"Project {only} is archived; restore it or choose another."),
                    false => ((long?)only, (long?)null),
                });
        }
        return new BatchResult<(long? ProjectId, long? TaskId)>(() => (null, null));
    }

    private static ValidationException Invalid(string field, string message) => new(field, message);
}
