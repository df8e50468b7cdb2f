using System.Text.Json;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Projects;

/// <summary>
/// An organization's projects: members read them and track time on the active ones; admins and owners create,
/// change, archive and delete them. A project is deleted only while no time entry refers to it.
/// </summary>
internal sealed class ProjectCatalog(AppDatabase database, TimeProvider time)
{
    /// <summary>The longest description accepted.</summary>
    public const int MaximumDescriptionLength = 10_000;

    private const string Columns = "id, client_id, name, description, hourly_rate, archived, archived_at, created_at, updated_at";

    /// <summary>Creates a project (admins and owners), for one of the organization's active clients or none.</summary>
    public async Task<Project> CreateAsync(
        long userId, long organizationId, NewProject request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var name = validation.Name("name", request.Name);
        var description = validation.OptionalText("description", request.Description, MaximumDescriptionLength);
        var rate = validation.Rate("hourlyRate", request.HourlyRate);
        validation.ThrowIfInvalid();
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("create projects");
            if (request.ClientId is { } clientId)
                await ActiveClientAsync(session, organizationId, clientId, cancellationToken);
            var now = time.GetUtcNow();
            return (await session.QuerySingleOrDefaultAsync(
                "INSERT INTO projects (organization_id, client_id, name, description, hourly_rate, archived, created_at, updated_at) " +
                $"VALUES (@org, @client, @name, @description, @rate, @archived, @now, @now) RETURNING {Columns}",
                Read, cancellationToken, ("org", organizationId), ("client", request.ClientId), ("name", name), ("description", description),
                ("rate", rate), ("archived", false), ("now", now)))!;
        }, cancellationToken);
    }

    /// <summary>A page of the organization's projects by name (<see cref="NameOrder"/>); archived ones only when asked;
    /// optionally one client's.</summary>
    public async Task<Page<Project>> ListAsync(
        long userId, long organizationId, bool includeArchived, long? clientId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await database.AsMemberAsync(userId, organizationId, async (session, _) =>
        {
            var after = page.After is null ? "" : " AND " + NameOrder.After(session.Dialect, "name", "id");
            var rows = await session.QueryAsync(
                $"SELECT {Columns} FROM projects WHERE organization_id = @org AND (@all OR " +
                $"NOT archived){(clientId is null ? "" : " AND client_id = @client")}{after} " +
                $"ORDER BY {NameOrder.OrderBy(session.Dialect, "name", "id")} LIMIT @limit",
                Read, cancellationToken, [("org", organizationId), ("all", includeArchived), ("client", clientId), .. page.Parameters]);
            return page.PageOf(rows, p => new PageCursor(0, p.Id, p.Name));
        }, cancellationToken);
    }

    /// <summary>One project of the organization.</summary>
    public async Task<Project> GetAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        return await database.AsMemberAsync(userId, organizationId, async (session, _) =>
        {
            return await FindAsync(session, organizationId, id, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Changes a project's name, client, description or rate, or archives or restores it (admins and owners).</summary>
    public async Task<Project> UpdateAsync(long userId, long organizationId, long id, JsonElement body, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var patch = new PatchDocument(body, validation, "name", "clientId", "description", "hourlyRate", "archived");
        var name = patch.Has("name") ? validation.Name("name", patch.String("name")) : null;
        var clientId = patch.Id("clientId");
        var description = validation.OptionalText("description", patch.String("description"), MaximumDescriptionLength);
        var rate = validation.Rate("hourlyRate", patch.Decimal("hourlyRate"));
        var archived = patch.Bool("archived");
        validation.ThrowIfInvalid();
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("change projects");
            var current = await FindAsync(session, organizationId, id, cancellationToken, forChange: true);
            if (clientId is { } client && client != current.ClientId)
                await ActiveClientAsync(session, organizationId, client, cancellationToken);
            var archivedAt = Archiving.ArchivedAt(current.ArchivedAt, archived, time);
            return (await session.QuerySingleOrDefaultAsync(
                "UPDATE projects SET name = @name, client_id = @client, description = @description, hourly_rate = @rate, archived = @archived, " +
                "archived_at = @archivedAt, updated_at = @now " +
                $"WHERE id = @id AND organization_id = @org RETURNING {Columns}",
                Read, cancellationToken, ("name", name ?? current.Name), ("client", patch.Has("clientId") ? clientId : current.ClientId),
                ("description", patch.Has("description") ? description : current.Description),
                    ("rate", patch.Has("hourlyRate") ? rate : current.HourlyRate),
                ("archived", archivedAt is not null), ("archivedAt", archivedAt), ("now", time.GetUtcNow()), ("id", id), ("org", organizationId)))
                ?? throw NotFound(organizationId, id);
        }, cancellationToken);
    }

    /// <summary>Deletes a project no time entry refers to, with its tasks (admins and owners).</summary>
    public async Task DeleteAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("delete projects");
            await FindAsync(session, organizationId, id, cancellationToken);
            var entries = await References.CountAsync(session,
                "SELECT COUNT(*) FROM time_entries WHERE project_id = @id OR task_id IN (SELECT k.id FROM tasks k WHERE k.project_id = @id)", id,
                cancellationToken);
            if (entries > 0)
                throw new ConflictException("Project in use",
                    $"Project {id} cannot be deleted: {References.Describe(entries, "time entry refers", "time entries refer")} to it. " +
                    $"Archive it instead, or delete those entries first.");
            await session.ExecuteAsync(
                "DELETE FROM projects WHERE id = @id AND organization_id = @org", cancellationToken, ("id", id), ("org", organizationId));
        }, cancellationToken);
    }

    /// <summary>A project of the organization, or its 404; with <paramref name="forChange"/>, held for a change
    /// (<see cref="SqlDialect.LockForChange"/>).</summary>
    public static async Task<Project> FindAsync(
        DbSession session, long organizationId, long id, CancellationToken cancellationToken, bool forChange = false) =>
        await session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns} FROM projects WHERE id = @id AND organization_id = @org{(forChange ? session.Dialect.LockForChange() : "")}",
            Read, cancellationToken, ("id", id), ("org", organizationId))
        ?? throw NotFound(organizationId, id);

    /// <summary>The 404 of a project that is not the organization's (whether or not it exists elsewhere).</summary>
    public static NotFoundException NotFound(long organizationId, long id) =>
        new("Project", id, $"No project {id} in organization {organizationId}.");

    private static async Task ActiveClientAsync(DbSession session, long organizationId, long clientId, CancellationToken cancellationToken)
    {
        var client = await session.QuerySingleOrDefaultAsync("SELECT archived FROM clients WHERE id = @id AND organization_id = @org",
            r => (bool?)r.Boolean("archived"), cancellationToken, ("id", clientId), ("org", organizationId));
        if (client is null)
            throw new ValidationException("clientId", $"No client {clientId} in organization {organizationId}.");
        if (client == true)
            throw new ValidationException("clientId", $"Client {clientId} is archived; restore it first.");
    }

    private static Project Read(DbRow r) =>
        new(r.Int64("id"), r.Int64OrNull("client_id"), r.String("name"), r.StringOrNull("description"),
            r.DecimalOrNull("hourly_rate") is { } rate ? Money.Round(rate) : null,
            r.Boolean("archived"), r.InstantOrNull("archived_at"), r.Instant("created_at"), r.Instant("updated_at"));
}
