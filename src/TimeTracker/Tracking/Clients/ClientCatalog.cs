using System.Data.Common;
using System.Text.Json;
using TimeTracker.Database;
using TimeTracker.Errors;
using TimeTracker.Paging;
using TimeTracker.Validation;

namespace TimeTracker.Tracking.Clients;

/// <summary>
/// An organization's clients. Members read them; admins and owners create, rename, archive and delete them.
/// A client is deleted only while nothing refers to it: no time entries on its projects and no invoices.
/// </summary>
internal sealed class ClientCatalog(AppDatabase database, TimeProvider time)
{
    private const string Columns = "id, name, email, archived, archived_at, created_at";

    /// <summary>Creates a client (admins and owners).</summary>
    public async Task<Client> CreateAsync(long userId, long organizationId, NewClient request, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var name = validation.Name("name", request.Name);
        var email = validation.OptionalEmail("email", request.Email);
        validation.ThrowIfInvalid();
        return await database.AsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("create clients");
            return (await session.QuerySingleOrDefaultAsync(
                $"INSERT INTO clients (organization_id, name, email, created_at) VALUES (@org, @name, @email, @now) RETURNING {Columns}",
                Read, cancellationToken, ("org", organizationId), ("name", name), ("email", email), ("now", time.GetUtcNow())))!;
        }, cancellationToken);
    }

    /// <summary>A page of the organization's clients by name (<see cref="NameOrder"/>); archived ones only when asked.</summary>
    public async Task<Page<Client>> ListAsync(
        long userId, long organizationId, bool includeArchived, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await database.AsMemberAsync(userId, organizationId, async (session, _) =>
        {
            var after = page.After is null ? "" : " AND " + NameOrder.After(session.Dialect, "name", "id");
            var rows = await session.QueryAsync(
                $"SELECT {Columns} FROM clients WHERE organization_id = @org AND (@all OR NOT archived){after} ORDER " +
                $"BY {NameOrder.OrderBy(session.Dialect, "name", "id")} LIMIT @limit",
                Read, cancellationToken, [("org", organizationId), ("all", includeArchived), .. page.Parameters]);
            return page.PageOf(rows, c => new PageCursor(0, c.Id, c.Name));
        }, cancellationToken);
    }

    /// <summary>One client of the organization.</summary>
    public async Task<Client> GetAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        return await database.AsMemberAsync(userId, organizationId, async (session, _) =>
        {
            return await FindAsync(session, organizationId, id, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Renames, readdresses, archives or restores a client (admins and owners).</summary>
    public async Task<Client> UpdateAsync(long userId, long organizationId, long id, JsonElement body, CancellationToken cancellationToken)
    {
        var validation = new RequestValidation();
        var patch = new PatchDocument(body, validation, "name", "email", "archived");
        var name = patch.Has("name") ? validation.Name("name", patch.String("name")) : null;
        var email = validation.OptionalEmail("email", patch.String("email"));
        var archived = patch.Bool("archived");
        validation.ThrowIfInvalid();
        return await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("change clients");
            var current = await FindAsync(session, organizationId, id, cancellationToken, forChange: true);
            var archivedAt = Archiving.ArchivedAt(current.ArchivedAt, archived, time);
            return (await session.QuerySingleOrDefaultAsync(
                $"UPDATE clients SET name = @name, email = @email, archived = @archived, archived_at = @archivedAt WHERE id = @id " +
                $"AND organization_id = @org RETURNING {Columns}",
                Read, cancellationToken, ("name", name ?? current.Name), ("email", patch.Has("email") ? email : current.Email),
                ("archived", archivedAt is not null), ("archivedAt", archivedAt), ("id", id), ("org", organizationId)))
                ?? throw NotFound(organizationId, id);
        }, cancellationToken);
    }

    /// <summary>Deletes a client nothing refers to (admins and owners); its projects stay, without a client.</summary>
    public async Task DeleteAsync(long userId, long organizationId, long id, CancellationToken cancellationToken)
    {
        await database.InTransactionAsMemberAsync(userId, organizationId, async (session, member) =>
        {
            member.RequireManager("delete clients");
            await FindAsync(session, organizationId, id, cancellationToken);
            var entries = await References.CountAsync(session,
                "SELECT COUNT(*) FROM time_entries e JOIN projects p ON p.id = e.project_id WHERE p.client_id = @id", id, cancellationToken);
            var invoices = await References.CountAsync(session, "SELECT COUNT(*) FROM invoices WHERE client_id = @id", id, cancellationToken);
            if (entries > 0 || invoices > 0)
                throw new ConflictException("Client in use",
                    $"Client {id} cannot be deleted: {References.Describe(entries, "time entry", "time entries")} on its projects and " +
                    $"{References.Describe(invoices, "invoice", "invoices")} refer to it. Archive it instead.");
            try
            {
                await session.ExecuteAsync(
                    "DELETE FROM clients WHERE id = @id AND organization_id = @org", cancellationToken, ("id", id), ("org", organizationId));
            }
            catch (DbException ex) when (ConstraintViolation.IsForeignKey(ex))
            {
                // Time was invoiced for it between the count above and the delete.
                throw new ConflictException(
                    "Client in use", $"Client {id} cannot be deleted: an invoice drafted just now refers to it. Archive it instead.");
            }
        }, cancellationToken);
    }

    /// <summary>A client of the organization, or its 404; with <paramref name="forChange"/>, held for a change
    /// (<see cref="SqlDialect.LockForChange"/>).</summary>
    public static async Task<Client> FindAsync(
        DbSession session, long organizationId, long id, CancellationToken cancellationToken, bool forChange = false) =>
        await session.QuerySingleOrDefaultAsync(
            $"SELECT {Columns} FROM clients WHERE id = @id AND organization_id = @org{(forChange ? session.Dialect.LockForChange() : "")}",
            Read, cancellationToken, ("id", id), ("org", organizationId))
        ?? throw NotFound(organizationId, id);

    /// <summary>The 404 of a client that is not the organization's (whether or not it exists elsewhere).</summary>
    public static NotFoundException NotFound(long organizationId, long id) =>
        new("Client", id, $"No client {id} in organization {organizationId}.");

    private static Client Read(DbRow r) =>
        new(r.Int64("id"), r.String("name"), r.StringOrNull("email"), r.Boolean("archived"), r.InstantOrNull("archived_at"), r.Instant("created_at"));
}
