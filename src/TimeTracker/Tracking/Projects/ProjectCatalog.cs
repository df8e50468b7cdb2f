using System.Text.Json;
using TimeTracker.Amounts;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Tracking.Rates;
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

    // The project's own rate is the one in effect on @today (the caller's day) in its history (hourly_rates).
    private static readonly string Columns =
        $"id, client_id, name, description, {RateSchedule.ProjectRateSql("projects")} AS hourly_rate, archived, archived_at, created_at, updated_at";

    /// <summary>Creates a project (admins and owners), for one of the organization's active clients or none.</summary>
    public async Task<Project> CreateAsync(
        long userId, long organizationId, NewProject request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var name = validation.Name("name", request.Name);
        var description = validation.OptionalText("description", request.Description, MaximumDescriptionLength);
        var rate = validation.Rate("hourlyRate", request.HourlyRate);
        validation.ThrowIfInvalid();
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("create projects");
            if (request.ClientId is { } clientId)
                await ActiveClientAsync(session, organizationId, clientId, cancellationToken);
            var now = time.GetUtcNow();
            var id = Convert.ToInt64(await session.ScalarAsync(
                "INSERT INTO projects (organization_id, client_id, name, description, archived, created_at, updated_at) " +
                "VALUES (@org, @client, @name, @description, @archived, @now, @now) RETURNING id",
                cancellationToken, ("org", organizationId), ("client", request.ClientId), ("name", name), ("description", description),
                ("archived", false), ("now", now)), System.Globalization.CultureInfo.InvariantCulture);
            // The project's first rate: from the beginning.
            if (rate is not null)
                await RateSchedule.WriteAsync(session, member, id, null, rate, null, dated: false, now, cancellationToken);
            return await FindAsync(session, organizationId, id, cancellationToken, today: await TodayAsync(session, userId, cancellationToken));
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
            var today = await TodayAsync(session, userId, cancellationToken);
            var after = page.After is null ? "" : " AND " + NameOrder.After(session.Dialect, "name", "id");
            var rows = await session.QueryAsync(
                $"SELECT {Columns} FROM projects WHERE organization_id = @org AND (@all OR " +
                $"NOT archived){(clientId is null ? "" : " AND client_id = @client")}{after} " +
                $"ORDER BY {NameOrder.OrderBy(session.Dialect, "name", "id")} LIMIT @limit",
                Read, cancellationToken,
                [("org", organizationId), ("all", includeArchived), ("client", clientId), ("today", today), .. page.Parameters]);
            return page.PageOf(rows, p => new PageCursor(0, p.Id, p.Name));
        }, cancellationToken);
    }

    /// <summary>One project of the organization.</summary>
    public async Task<Project> GetAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        return await database.AsMemberAsync(userId, organizationId, async (session, _) =>
        {
            return await FindAsync(session, organizationId, id, cancellationToken, today: await TodayAsync(session, userId, cancellationToken));
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
            var today = await TodayAsync(session, userId, cancellationToken);
            var current = await FindAsync(session, organizationId, id, cancellationToken, forChange: true, today: today);
            if (clientId is { } client && client != current.ClientId)
                await ActiveClientAsync(session, organizationId, client, cancellationToken);
            var archivedAt = Archiving.ArchivedAt(current.ArchivedAt, archived, time);
            var now = time.GetUtcNow();
            await session.ExecuteAsync(
                "UPDATE projects SET name = @name, client_id = @client, description = @description, archived = @archived, " +
                "archived_at = @archivedAt, updated_at = @now WHERE id = @id AND organization_id = @org",
                cancellationToken, ("name", name ?? current.Name), ("client", patch.Has("clientId") ? clientId : current.ClientId),
                ("description", patch.Has("description") ? description : current.Description),
                ("archived", archivedAt is not null), ("archivedAt", archivedAt), ("now", now), ("id", id), ("org", organizationId));
            // A new rate applies from today (the project's first, from the beginning); entries recorded keep theirs.
            if (patch.Has("hourlyRate") && rate != current.HourlyRate)
                await RateSchedule.WriteAsync(session, member, id, null, rate, null, dated: false, now, cancellationToken);
            return await FindAsync(session, organizationId, id, cancellationToken, today: today);
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
    /// <remarks>Its hourly rate is its own rate in effect on <paramref name="today"/>; callers that do not read the rate leave
    /// it out (the rate is then the one from the beginning).</remarks>
    public static async Task<Project> FindAsync(
        DbSession session, long organizationId, long id, CancellationToken cancellationToken, bool forChange = false, DateOnly? today = null) =>
        await session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns} FROM projects WHERE id = @id AND organization_id = @org{(forChange ? session.Dialect.LockForChange() : "")}",
            Read, cancellationToken, ("id", id), ("org", organizationId), ("today", today ?? DateOnly.MinValue))
        ?? throw NotFound(organizationId, id);

    /// <summary>The 404 of a project that is not the organization's (whether or not it exists elsewhere).</summary>
    public static NotFoundException NotFound(long organizationId, long id) =>
        new("Project", id, $"No project {id} in organization {organizationId}.");

    private Task<DateOnly> TodayAsync(DbSession session, long userId, CancellationToken cancellationToken) =>
        RateSchedule.TodayAsync(session, userId, time, cancellationToken);

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
