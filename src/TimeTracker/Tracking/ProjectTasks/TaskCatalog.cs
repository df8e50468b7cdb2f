using System.Text.Json;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Tracking.Projects;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.ProjectTasks;

/// <summary>
/// The tasks of a project: members read them and track time on the active ones; admins and owners create,
/// rename, archive and delete them. A task is deleted only while no time entry refers to it.
/// </summary>
internal sealed class TaskCatalog(AppDatabase database, TimeProvider time)
{
    private const string Columns = "t.id, t.project_id, t.name, t.archived, t.archived_at, t.created_at";
    private const string OfProject = "FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.organization_id = @org AND t.project_id = @project";

    /// <summary>Creates a task on a project of the organization (admins and owners).</summary>
    public async Task<ProjectTask> CreateAsync(
        long userId, long organizationId, long projectId, NewProjectTask request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var name = validation.Name("name", request.Name);
        validation.ThrowIfInvalid();
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("create tasks");
            if ((await ProjectCatalog.FindAsync(session, organizationId, projectId, cancellationToken)).Archived)
                throw new ConflictException("Project archived", $"Project {projectId} is archived; restore it before adding tasks.");
            var id = (long)(await session.ScalarAsync(
                "INSERT INTO tasks (project_id, name, archived, created_at) VALUES (@project, @name, @archived, @now) RETURNING id",
                cancellationToken, ("project", projectId), ("name", name), ("archived", false), ("now", time.GetUtcNow())))!;
            return await FindAsync(session, organizationId, projectId, id, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>A page of a project's tasks by name (<see cref="NameOrder"/>); archived ones only when asked.</summary>
    public async Task<Page<ProjectTask>> ListAsync(
        long userId, long organizationId, long projectId, bool includeArchived, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await database.AsMemberAsync(userId, organizationId, async (session, _) =>
        {
            await ProjectCatalog.FindAsync(session, organizationId, projectId, cancellationToken);
            var after = page.After is null ? "" : " AND " + NameOrder.After(session.Dialect, "t.name", "t.id");
            var rows = await session.QueryAsync(
                $"SELECT {Columns} {OfProject} AND (@all OR NOT t.archived){after} ORDER BY {NameOrder.OrderBy(session.Dialect, "t.name", "t.id")} " +
                $"LIMIT @limit",
                Read, cancellationToken, [("org", organizationId), ("project", projectId), ("all", includeArchived), .. page.Parameters]);
            return page.PageOf(rows, t => new PageCursor(0, t.Id, t.Name));
        }, cancellationToken);
    }

    /// <summary>One task of a project of the organization.</summary>
    public async Task<ProjectTask> GetAsync(long userId, long organizationId, long projectId, long id, CancellationToken cancellationToken)
    {
        return await database.AsMemberAsync(userId, organizationId, async (session, _) =>
        {
            return await FindAsync(session, organizationId, projectId, id, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Renames, archives or restores a task (admins and owners).</summary>
    public async Task<ProjectTask> UpdateAsync(
        long userId, long organizationId, long projectId, long id, JsonElement body, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var patch = new PatchDocument(body, validation, "name", "archived");
        var name = patch.Has("name") ? validation.Name("name", patch.String("name")) : null;
        var archived = patch.Bool("archived");
        validation.ThrowIfInvalid();
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("change tasks");
            var current = await FindAsync(session, organizationId, projectId, id, cancellationToken, forChange: true);
            var archivedAt = Archiving.ArchivedAt(current.ArchivedAt, archived, time);
            await session.ExecuteAsync("UPDATE tasks SET name = @name, archived = @archived, archived_at = @archivedAt WHERE id = @id",
                cancellationToken, ("name", name ?? current.Name), ("archived", archivedAt is not null), ("archivedAt", archivedAt), ("id", id));
            return current with { Name = name ?? current.Name, Archived = archivedAt is not null, ArchivedAt = archivedAt };
        }, cancellationToken);
    }

    /// <summary>Deletes a task no time entry refers to (admins and owners).</summary>
    public async Task DeleteAsync(long userId, long organizationId, long projectId, long id, CancellationToken cancellationToken)
    {
        await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("delete tasks");
            await FindAsync(session, organizationId, projectId, id, cancellationToken);
            var entries = await References.CountAsync(session, "SELECT COUNT(*) FROM time_entries WHERE task_id = @id", id, cancellationToken);
            if (entries > 0)
                throw new ConflictException("Task in use",
                    $"Task {id} cannot be deleted: {References.Describe(entries, "time entry refers", "time entries refer")} to it. " +
                    $"Archive it instead, or delete those entries first.");
            await session.ExecuteAsync("DELETE FROM tasks WHERE id = @id", cancellationToken, ("id", id));
        }, cancellationToken);
    }

    /// <summary>A task of a project of the organization, or its 404; with <paramref name="forChange"/>, held for a
    /// change (<see cref="SqlDialect.LockForChange"/>).</summary>
    public static async Task<ProjectTask> FindAsync(
        DbSession session, long organizationId, long projectId, long id, CancellationToken cancellationToken,
        bool forChange = false) =>
        await session.QuerySingleOrDefaultAsync($"SELECT {Columns} {OfProject} AND t.id = @id{(forChange ? session.Dialect.LockForChange("t") : "")}",
            Read, cancellationToken, ("org", organizationId), ("project", projectId), ("id", id))
        ?? throw new NotFoundException("Task", id, $"No task {id} in project {projectId} of organization {organizationId}.");

    private static ProjectTask Read(DbRow r) =>
        new(r.Int64("id"), r.Int64("project_id"), r.String("name"), r.Boolean("archived"), r.InstantOrNull("archived_at"), r.Instant("created_at"));
}
